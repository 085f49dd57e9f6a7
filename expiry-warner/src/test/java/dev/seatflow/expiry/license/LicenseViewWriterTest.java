package dev.seatflow.expiry.license;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.expiry.schema.ExpirySchema;
import dev.seatflow.schemas.common.Actor;
import dev.seatflow.schemas.common.LicenseState;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.common.Tier;
import dev.seatflow.schemas.event.AuditAction;
import dev.seatflow.schemas.event.LicenseDetails;
import dev.seatflow.schemas.event.LicenseEvent;
import dev.seatflow.schemas.event.ResourceType;
import dev.seatflow.testkit.PostgresService;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.TestServices;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RealServices
class LicenseViewWriterTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2027-03-01T00:00:00Z");
    private static ConnectionFactory connections;
    private final LicenseViewWriter writer = new LicenseViewWriter();

    record Row(Instant expiryDate, Instant expirySetAt, boolean active, boolean deleted, long sequence) {
    }

    @BeforeAll
    static void migrate(TestServices services) {
        PostgresService postgres = services.postgres();
        ExpirySchema.migrate(postgres.jdbcUrl(), postgres.user(), postgres.password(), postgres.schema());
        connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(postgres.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, postgres.user()).option(ConnectionFactoryOptions.PASSWORD, postgres.password()).build());
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        UUID license = UUID.randomUUID();
        LicenseState created = state(license, EXPIRY, true);
        LicenseEvent create = event(1, AuditAction.LICENSE_CREATED, created, T0);
        LicenseEvent deactivate = event(2, AuditAction.LICENSE_DEACTIVATED, state(license, EXPIRY, false), T0.plusSeconds(60));

        assertThat(apply(create, deactivate)).isEqualTo(2);
        assertThat(apply(create, deactivate)).as("redelivered").isZero();
        assertThat(row(license)).isEqualTo(new Row(EXPIRY, T0, false, false, 2));
    }

    @Test
    void theExpirySetTimeMovesOnlyWithTheExpiryDateAndDeletionIsKept() {
        UUID license = UUID.randomUUID();
        Instant extended = EXPIRY.plus(Duration.ofDays(60));
        apply(event(1, AuditAction.LICENSE_CREATED, state(license, EXPIRY, true), T0),
                event(2, AuditAction.LICENSE_UPDATED, state(license, EXPIRY, true), T0.plusSeconds(10)));
        assertThat(row(license).expirySetAt()).as("same date: still set at creation").isEqualTo(T0);

        apply(event(3, AuditAction.LICENSE_UPDATED, state(license, extended, true), T0.plusSeconds(20)));
        assertThat(row(license)).isEqualTo(new Row(extended, T0.plusSeconds(20), true, false, 3));

        apply(event(4, AuditAction.LICENSE_DELETED, state(license, extended, true), T0.plusSeconds(30)));
        assertThat(row(license)).isEqualTo(new Row(extended, T0.plusSeconds(20), false, true, 4));
    }

    private long apply(LicenseEvent... events) {
        return Mono.usingWhen(Mono.from(connections.create()), connection -> writer.apply(connection, List.of(events)), Connection::close)
                .block(Duration.ofSeconds(10));
    }

    private Row row(UUID license) {
        return Flux.usingWhen(Mono.from(connections.create()),
                connection -> Flux.from(connection.createStatement("SELECT * FROM expiry_licenses WHERE license_id = $1")
                        .bind("$1", license).execute()).flatMap(result -> result.map((row, meta) -> new Row(
                        row.get("expiry_date", Instant.class), row.get("expiry_set_at", Instant.class), row.get("is_active", Boolean.class),
                        row.get("deleted", Boolean.class), row.get("last_event_sequence", Long.class)))),
                Connection::close).blockFirst(Duration.ofSeconds(10));
    }

    private static LicenseState state(UUID license, Instant expiry, boolean active) {
        return new LicenseState(license, "KEY-" + license, Tier.PRO, List.of(), expiry, active, 0, T0, T0);
    }

    private static LicenseEvent event(long sequence, AuditAction action, LicenseState license, Instant at) {
        return new LicenseEvent(UUID.randomUUID(), "acme", sequence, at, null, new Actor("admin", Role.ADMIN), null, action,
                ResourceType.LICENSE, license.getLicenseId().toString(), new LicenseDetails(license, null, List.of()), 1);
    }
}
