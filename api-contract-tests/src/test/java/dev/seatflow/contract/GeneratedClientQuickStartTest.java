package dev.seatflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.seatflow.contract.client.ApiClient;
import dev.seatflow.contract.client.ApiException;
import dev.seatflow.contract.client.api.AuditApi;
import dev.seatflow.contract.client.api.DevelopmentApi;
import dev.seatflow.contract.client.api.LicensesApi;
import dev.seatflow.contract.client.api.SeatsApi;
import dev.seatflow.contract.client.model.AcquireRequest;
import dev.seatflow.contract.client.model.CreateLicenseRequest;
import dev.seatflow.contract.client.model.Entry;
import dev.seatflow.contract.client.model.HeartbeatResponse;
import dev.seatflow.contract.client.model.License;
import dev.seatflow.contract.client.model.Problem;
import dev.seatflow.contract.client.model.ReleaseResponse;
import dev.seatflow.contract.client.model.Session;
import dev.seatflow.contract.client.model.TokenRequest;
import dev.seatflow.gateway.GatewayPlatform;
import dev.seatflow.gateway.GatewayPlatformExtension;
import dev.seatflow.testkit.RealServices;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README quick start, driven through a Java client generated from the gateway's live OpenAPI
 * document (see this module's pom): if the document misnames a member, leaks a parameter, omits
 * the bearer requirement or misdescribes a body, these calls fail.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class GeneratedClientQuickStartTest {

    @Test
    void quickStartThroughTheGeneratedClient(GatewayPlatform platform) throws Exception {
        String tenant = GatewayPlatform.newTenant();
        String token = new DevelopmentApi(client(platform, null))
                .mint(new TokenRequest().tenantId(tenant).userId("alice").role("owner")).getToken();
        ApiClient owner = client(platform, token);

        License license = new LicensesApi(owner).createLicense(new CreateLicenseRequest().tier(CreateLicenseRequest.TierEnum.PRO)
                .features(List.of("analytics")).expiryDate(OffsetDateTime.of(2099, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC)), null);
        assertThat(license.getKey()).startsWith("SF-");
        assertThat(license.getIsActive()).isTrue();

        SeatsApi seats = new SeatsApi(owner);
        Session session = seats.acquire(new AcquireRequest().licenseKey(license.getKey()).hardwareId("laptop-1"), null);
        assertThat(session.getLicense()).isEqualTo(license.getId());
        assertThat(session.getHardwareId()).isEqualTo("laptop-1");
        assertThat(session.getSignedLicense().getSignature()).isNotBlank();
        assertThat(session.getSignedLicense().getAuditPath()).isNotNull();

        HeartbeatResponse beat = seats.heartbeat(session.getId().toString(), null, true);
        assertThat(beat.getIsActive()).isTrue();
        assertThat(beat.getSignedLicense().getKeyId()).isEqualTo(session.getSignedLicense().getKeyId());

        ReleaseResponse released = seats.release(session.getId().toString(), null);
        assertThat(released.getSessionId()).isEqualTo(session.getId());
        assertThat(released.getEndedAt()).isNotNull();

        AuditApi audit = new AuditApi(owner);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(audit.listAuditEntries(null, null, null, null, null, null, null, null).getItems()).extracting(Entry::getAction)
                        .containsExactly("LICENSE_RELEASED", "LICENSE_ACQUIRED", "LICENSE_CREATED"));
    }

    @Test
    void errorsComeBackAsTheDocumentedProblem(GatewayPlatform platform) throws Exception {
        ApiClient anonymous = client(platform, null);
        ApiException unauthenticated = catchThrowableOfType(ApiException.class, () -> new SeatsApi(anonymous).seats());
        assertProblem(anonymous, unauthenticated, 401, Problem.CodeEnum.UNAUTHENTICATED);

        String token = new DevelopmentApi(anonymous).mint(new TokenRequest().tenantId(GatewayPlatform.newTenant()).userId("bob").role("member")).getToken();
        ApiClient member = client(platform, token);
        ApiException unknownKey = catchThrowableOfType(ApiException.class, () -> new SeatsApi(member)
                .acquire(new AcquireRequest().licenseKey("SF-0000-0000-0000-0000").hardwareId("laptop-1"), null));
        assertProblem(member, unknownKey, 404, Problem.CodeEnum.LICENSE_NOT_FOUND);

        ApiException invalid = catchThrowableOfType(ApiException.class, () -> new SeatsApi(member)
                .acquire(new AcquireRequest().licenseKey("").hardwareId("laptop-1"), null));
        Problem problem = assertProblem(member, invalid, 400, Problem.CodeEnum.INVALID_REQUEST);
        assertThat(problem.getErrors()).hasSize(1);
        assertThat(member.getObjectMapper().readTree(invalid.getResponseBody()).at("/errors/0/field").asText()).isEqualTo("license_key");
    }

    private static Problem assertProblem(ApiClient client, ApiException error, int status, Problem.CodeEnum code) throws Exception {
        assertThat(error).as("an error answer").isNotNull();
        assertThat(error.getCode()).isEqualTo(status);
        assertThat(error.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = client.getObjectMapper().readValue(error.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo(code);
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).isNotNull();
        return problem;
    }

    /**
     * A generated client for the platform's gateway, sending the bearer token if there is one. It
     * refuses members the document does not name (the generated default ignores them).
     */
    private static ApiClient client(GatewayPlatform platform, String token) {
        ApiClient client = new ApiClient();
        client.setObjectMapper(client.getObjectMapper().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        client.updateBaseUri(platform.baseUrl().replaceAll("/$", ""));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
