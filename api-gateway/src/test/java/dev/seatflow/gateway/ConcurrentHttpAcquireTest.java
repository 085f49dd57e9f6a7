package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.RealServices;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class ConcurrentHttpAcquireTest {

    @Test
    void fiftyParallelAcquiresForFiveSeatsGrantExactlyFive(GatewayPlatform platform) {
        String tenant = GatewayPlatform.newTenant();
        new TenantApi(platform, tenant, "olga", Role.OWNER).configure(Map.of("plan", "PRO"));
        String key = (String) new TenantApi(platform, tenant, "ada", Role.ADMIN).createLicense().get("key");
        String baseUrl = platform.baseUrl();
        WebClient http = WebClient.create(baseUrl);

        List<Integer> statuses = Flux.range(0, 50)
                .flatMap(i -> http.post().uri("api/v1/licenses/acquire")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + platform.token(tenant, "user-" + i, Role.MEMBER))
                        .bodyValue(Map.of("license_key", key, "hardware_id", "hw-" + i))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 50)
                .collectList()
                .block();

        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).containsOnly(Map.entry(201, 5L), Map.entry(409, 45L));
    }
}
