package dev.seatflow.deploy;

import static dev.seatflow.deploy.Yaml2.at;
import static dev.seatflow.deploy.Yaml2.map;
import static dev.seatflow.deploy.Yaml2.mapAt;
import static dev.seatflow.deploy.Yaml2.mapsAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** values-production.yaml (GKE): managed Kafka, Memorystore, Cloud SQL, Cloud KMS, Firebase, Workload Identity. */
class ProductionValuesTest {

    private final Chart.Rendered rendered = Chart.production();

    @Test
    void gatewaySignsWithCloudKmsAndVerifiesFirebaseTokens() {
        Service gateway = Service.API_GATEWAY;
        assertThat(gateway.envValue(rendered, "SEATFLOW_GATEWAY_SIGNING_PROVIDER")).isEqualTo("kms");
        String versions = gateway.envValue(rendered, "SEATFLOW_GATEWAY_SIGNING_KMSKEYVERSIONS");
        assertThat(versions.split(",")).hasSize(2).allMatch(v -> v.matches("projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+/cryptoKeyVersions/\\d+"));
        assertThat(versions).startsWith("projects/acme-seatflow/").contains("cryptoKeyVersions/2,");
        assertThat(gateway.envValue(rendered, "SEATFLOW_GATEWAY_AUTH_PROJECTID")).isEqualTo("acme-seatflow");
        assertThat(gateway.env(rendered)).doesNotContainKey("SEATFLOW_GATEWAY_SIGNING_LOCALKEYDIR");
        assertThat(Service.EXPIRY_WARNER.envValue(rendered, "SEATFLOW_EXPIRY_FCM_PROJECTID")).isEqualTo("acme-seatflow");
    }

    @Test
    void podsRunAsTheWorkloadIdentityServiceAccount() {
        Map<String, Object> account = rendered.get("ServiceAccount", "seatflow");
        assertThat(mapAt(account, "metadata.annotations"))
                .containsEntry("iam.gke.io/gcp-service-account", "seatflow@acme-seatflow.iam.gserviceaccount.com");
        for (Service service : Service.values()) {
            assertThat(service.pod(rendered).get("serviceAccountName")).isEqualTo("seatflow");
            assertThat(mapsAt(service.pod(rendered), "volumes")).as("no key files").noneSatisfy(v -> assertThat(v.toString()).containsIgnoringCase("credentials"));
        }
    }

    @Test
    void kafkaUsesSaslSslWithTheJaasLineFromASecret() {
        for (Service service : Service.values()) {
            Map<String, Object> client = map(at(configFile(service), "seatflow.kafka.client"));
            assertThat(client).containsEntry("[security.protocol]", "SASL_SSL").containsEntry("[sasl.mechanism]", "PLAIN")
                    .containsEntry("[sasl.jaas.config]", "${KAFKA_SASL_JAAS_CONFIG}");
            assertThat(mapAt(service.env(rendered).get("KAFKA_SASL_JAAS_CONFIG"), "valueFrom.secretKeyRef"))
                    .containsEntry("name", "seatflow-kafka").containsEntry("key", "jaas");
            assertThat(service.envValue(rendered, "SEATFLOW_KAFKA_BOOTSTRAPSERVERS")).endsWith(".gcp.confluent.cloud:9092");
            assertThat(service.envValue(rendered, "SEATFLOW_KAFKA_TOPICS_PROVISION")).isEqualTo("false");
        }
    }

    @Test
    void redisIsMemorystoreOverTlsWithAuthFromASecretAndItsCaTrusted() {
        for (Service service : List.of(Service.API_GATEWAY, Service.SEAT_PROCESSOR)) {
            List<String> names = new ArrayList<>(service.env(rendered).keySet());
            // Kubernetes expands $(REDIS_AUTH) only from a variable defined before.
            assertThat(names.indexOf("REDIS_AUTH")).isNotNegative().isLessThan(names.indexOf("SEATFLOW_REDIS_URI"));
            assertThat(mapAt(service.env(rendered).get("REDIS_AUTH"), "valueFrom.secretKeyRef")).containsEntry("name", "seatflow-redis-auth");
            assertThat(service.envValue(rendered, "SEATFLOW_REDIS_URI")).isEqualTo("rediss://:$(REDIS_AUTH)@10.20.0.4:6378");
            // The trust store built by the first init container is what the JVM uses.
            assertThat(at(service.pod(rendered), "initContainers.0.name")).isEqualTo("truststore");
            assertThat(service.envValue(rendered, "JDK_JAVA_OPTIONS")).contains("-Djavax.net.ssl.trustStore=/var/lib/seatflow/truststore/cacerts.p12");
            assertThat(mapsAt(service.container(rendered), "volumeMounts"))
                    .anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/var/lib/seatflow/truststore"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresIsCloudSqlThroughTheProxySidecarWithPerServiceUsers() {
        for (Service service : Service.values()) {
            List<Map<String, Object>> proxies = mapsAt(service.pod(rendered), "initContainers").stream()
                    .filter(c -> "cloud-sql-proxy".equals(c.get("name"))).toList();
            assertThat(proxies).as(service.name).hasSize(service.postgres ? 1 : 0);
            if (service.postgres) {
                Map<String, Object> proxy = proxies.get(0);
                assertThat(proxy.get("restartPolicy")).as("native sidecar").isEqualTo("Always");
                assertThat(List.copyOf((List<String>) proxy.get("args"))).contains("--private-ip", "--port=5432", "acme-seatflow:europe-west1:seatflow");
                assertThat(service.envValue(rendered, "SEATFLOW_POSTGRES_HOST")).isEqualTo("127.0.0.1");
                assertThat(service.envValue(rendered, "SEATFLOW_POSTGRES_PORT")).isEqualTo("5432");
                assertThat(service.envValue(rendered, "SEATFLOW_POSTGRES_SSLMODE")).isEqualTo("disable");
            }
        }
        assertThat(Service.AUDIT_SINK.envValue(rendered, "SEATFLOW_POSTGRES_USERNAME")).isEqualTo("seatflow_audit");
        assertThat(at(Service.AUDIT_SINK.env(rendered).get("SEATFLOW_POSTGRES_PASSWORD"), "valueFrom.secretKeyRef.name")).isEqualTo("seatflow-postgres-audit");
        assertThat(Service.API_GATEWAY.envValue(rendered, "SEATFLOW_POSTGRES_USERNAME")).isEqualTo("seatflow_reader");
        assertThat(Service.EXPIRY_WARNER.envValue(rendered, "SEATFLOW_POSTGRES_USERNAME")).isEqualTo("seatflow_app");
        assertThat(at(Service.EXPIRY_WARNER.env(rendered).get("SEATFLOW_POSTGRES_PASSWORD"), "valueFrom.secretKeyRef.name")).isEqualTo("seatflow-postgres");
    }

    @Test
    void gatewayIsReachableThroughATlsIngress() {
        Map<String, Object> ingress = rendered.get("Ingress", Service.API_GATEWAY.resourceName());
        assertThat(at(ingress, "spec.tls.0.secretName")).isEqualTo("seatflow-api-tls");
        assertThat(at(ingress, "spec.tls.0.hosts.0")).isEqualTo(at(ingress, "spec.rules.0.host"));
        assertThat(at(ingress, "spec.rules.0.http.paths.0.backend.service.name")).isEqualTo(Service.API_GATEWAY.resourceName());
        assertThat(at(ingress, "spec.rules.0.http.paths.0.backend.service.port.name")).isEqualTo("http");
    }

    @Test
    void behindTheGoogleLoadBalancerTheClientIsTheSecondAddressFromTheRight() {
        // The external Application Load Balancer appends "<client>,<load balancer>" to X-Forwarded-For.
        assertThat(Service.API_GATEWAY.envValue(rendered, "SEATFLOW_GATEWAY_CLIENTADDRESS_TRUSTEDHOPS")).isEqualTo("2");
        // ... and only when the request comes from Google's front ends.
        assertThat(Service.API_GATEWAY.envValue(rendered, "SEATFLOW_GATEWAY_CLIENTADDRESS_TRUSTEDPROXIES"))
                .isEqualTo("35.191.0.0/16,130.211.0.0/22");
    }

    @Test
    void prometheusOperatorScrapesEveryServiceOnceAndTracesGoToTheCollector() {
        Map<String, Object> monitor = rendered.ofKind("ServiceMonitor").get(0);
        assertThat(mapsAt(monitor, "spec.endpoints")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("port", "management").containsEntry("path", "/prometheus"));
        Map<String, Object> selector = mapAt(monitor, "spec.selector.matchLabels");
        List<Map<String, Object>> selected = rendered.ofKind("Service").stream()
                .filter(s -> mapAt(s, "metadata.labels").entrySet().containsAll(selector.entrySet())).toList();
        assertThat(selected).as("the four management services, not the API's or the headless ones").hasSize(4)
                .allSatisfy(s -> assertThat(at(s, "spec.clusterIP")).isNull());
        for (Service service : Service.values()) {
            assertThat(service.envValue(rendered, "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
                    .isEqualTo("http://otel-collector.monitoring.svc:4318/v1/traces");
        }
    }

    @Test
    void valuesFilesHoldNoSecretValues() throws IOException {
        for (Path file : List.of(Chart.DIR.resolve("values.yaml"), Chart.PRODUCTION_VALUES)) {
            try (InputStream in = Files.newInputStream(file)) {
                assertNoCredentialLeaves(new Yaml().load(in), file.getFileName().toString());
            }
        }
    }

    /** A scalar under a credential-like key would be a secret in the repo; only Secret references ({name, key}) are allowed. */
    private static void assertNoCredentialLeaves(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (v instanceof String text && !text.isEmpty() && key.matches("(?i).*(password|passwd|jaas|token|apikey|auth)$")) {
                    throw new AssertionError(path + "." + key + " holds a value; reference a Secret instead");
                }
                assertNoCredentialLeaves(v, path + "." + key);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> assertNoCredentialLeaves(v, path + "[]"));
        }
    }

    private Map<String, Object> configFile(Service service) {
        Map<String, Object> configMap = rendered.get("ConfigMap", service.resourceName() + "-config");
        return new Yaml().load((String) mapAt(configMap, "data").get("seatflow.yml"));
    }
}
