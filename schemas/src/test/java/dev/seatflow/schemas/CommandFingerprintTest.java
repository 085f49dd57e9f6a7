package dev.seatflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.ReleaseSeat;
import dev.seatflow.schemas.common.Tier;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandFingerprintTest {

    private static final UUID SESSION = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void fingerprintsArePinnedSoThatASchemaChangeCannotMoveThemUnnoticed() {
        // Remembered decisions keep these for a day: if they change, retries across the upgrade are
        // refused as other requests. Change the tag in CommandFingerprint when you change them.
        assertThat(hex(CommandFingerprint.of(new AcquireSeat("SF-KEY", "hw-1"))))
                .isEqualTo(hex(CommandFingerprint.of(new AcquireSeat("SF-KEY", "hw-1"))))
                .isEqualTo(PINNED_ACQUIRE);
        assertThat(hex(CommandFingerprint.of(new ReleaseSeat(SESSION)))).isEqualTo(PINNED_RELEASE);
    }

    @Test
    void anotherRequestHasAnotherFingerprint() {
        assertThat(CommandFingerprint.of(new AcquireSeat("SF-KEY", "hw-1"))).isNotEqualTo(CommandFingerprint.of(new AcquireSeat("SF-KEY", "hw-2")));
        assertThat(CommandFingerprint.of(new ReleaseSeat(SESSION))).isNotEqualTo(CommandFingerprint.of(new ReleaseSeat(UUID.randomUUID())));
    }

    @Test
    void aLicenseCreationIsTheSameRequestWhateverIdAndKeyTheGatewayMadeUp() {
        Instant expiry = Instant.parse("2027-01-01T00:00:00Z");
        ByteBuffer first = CommandFingerprint.of(new CreateLicense(UUID.randomUUID(), "SF-A", Tier.PRO, List.of("sso"), expiry, 0));

        assertThat(CommandFingerprint.of(new CreateLicense(UUID.randomUUID(), "SF-B", Tier.PRO, List.of("sso"), expiry, 0))).isEqualTo(first);
        assertThat(CommandFingerprint.of(new CreateLicense(UUID.randomUUID(), "SF-B", Tier.BASIC, List.of("sso"), expiry, 0))).isNotEqualTo(first);
    }

    private static final String PINNED_ACQUIRE = "94b7db8be797e0c872d4fc4d7c3a7c27c78bfd76274503da6d228492b87a92cb";
    private static final String PINNED_RELEASE = "af1e3d571d4d5e2ebf174633ffba9ebbde4bdbf13412950158faa9e41c2f7a1b";

    private static String hex(ByteBuffer fingerprint) {
        byte[] bytes = new byte[fingerprint.remaining()];
        fingerprint.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
