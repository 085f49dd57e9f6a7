package dev.seatflow.deploy;

import static dev.seatflow.deploy.Yaml2.at;
import static dev.seatflow.deploy.Yaml2.mapAt;
import static dev.seatflow.deploy.Yaml2.mapsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Optional settings render into what the services read. */
class ChartOptionsTest {

    @Test
    void withoutAVolumeTheProcessorRebuildsItsStateFromTheChangelogs() {
        Chart.Rendered rendered = Chart.render(null, Map.of("seatProcessor.persistence.enabled", false));
        assertThat(at(Service.SEAT_PROCESSOR.workload(rendered), "spec.volumeClaimTemplates")).isNull();
        assertThat(mapsAt(Service.SEAT_PROCESSOR.pod(rendered), "volumes"))
                .anySatisfy(v -> assertThat(v).containsEntry("name", "state").containsKey("emptyDir"));
    }

    @Test
    void kafkaCaAndExtraClientSettingsGoToTheConfigFile() {
        Chart.Rendered rendered = Chart.render(null, Map.of("kafka.caConfigMap.name", "kafka-ca", "kafka.securityProtocol", "SSL",
                "kafka.client.acks", "all", "kafka.registry.apicurio\\.auth\\.username", "seatflow"));
        for (Service service : Service.values()) {
            Map<String, Object> file = new Yaml().load((String) mapAt(rendered.get("ConfigMap", service.resourceName() + "-config"), "data").get("seatflow.yml"));
            Map<String, Object> client = mapAt(file, "seatflow.kafka.client");
            assertThat(client).containsEntry("[security.protocol]", "SSL").containsEntry("[ssl.truststore.type]", "PEM")
                    .containsEntry("[ssl.truststore.location]", "/etc/seatflow/kafka-ca/ca.crt").containsEntry("[acks]", "all");
            assertThat(mapAt(file, "seatflow.kafka.registry")).containsEntry("[apicurio.auth.username]", "seatflow");
            assertThat(mapsAt(service.container(rendered), "volumeMounts"))
                    .anySatisfy(m -> assertThat(m).containsEntry("name", "kafka-ca").containsEntry("mountPath", "/etc/seatflow/kafka-ca"));
        }
    }

    @Test
    void aRedisClusterIsToldToTheServicesThatUseRedis() {
        assertThat(Service.API_GATEWAY.env(Chart.defaults())).doesNotContainKey("SEATFLOW_REDIS_CLUSTER");
        Chart.Rendered rendered = Chart.render(null, Map.of("redis.cluster", true));
        assertThat(Service.API_GATEWAY.envValue(rendered, "SEATFLOW_REDIS_CLUSTER")).isEqualTo("true");
        assertThat(Service.SEAT_PROCESSOR.envValue(rendered, "SEATFLOW_REDIS_CLUSTER")).isEqualTo("true");
    }

    @Test
    void bothPostgresOwnersMigrateTheirSchemasByDefault() {
        assertThat(Service.AUDIT_SINK.envValue(Chart.defaults(), "SEATFLOW_POSTGRES_MIGRATE")).isEqualTo("true");
        assertThat(Service.EXPIRY_WARNER.envValue(Chart.defaults(), "SEATFLOW_POSTGRES_MIGRATE")).isEqualTo("true");
        assertThat(Service.API_GATEWAY.env(Chart.defaults())).doesNotContainKey("SEATFLOW_POSTGRES_MIGRATE");
    }

    @Test
    void tracesAreExportedOnlyWithACollector() {
        assertThat(Service.API_GATEWAY.envValue(Chart.defaults(), "MANAGEMENT_TRACING_EXPORT_ENABLED")).isEqualTo("false");
        Chart.Rendered rendered = Chart.render(null, Map.of("observability.otlpTracesEndpoint", "http://collector:4318/v1/traces"));
        assertThat(Service.AUDIT_SINK.envValue(rendered, "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).isEqualTo("http://collector:4318/v1/traces");
        assertThat(Service.AUDIT_SINK.envValue(rendered, "MANAGEMENT_TRACING_SAMPLING_PROBABILITY")).isEqualTo("0.1");
    }
}
