package dev.seatflow.deploy;

import static dev.seatflow.deploy.Yaml2.at;
import static dev.seatflow.deploy.Yaml2.map;
import static dev.seatflow.deploy.Yaml2.mapAt;
import static dev.seatflow.deploy.Yaml2.mapsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** What must hold for every service under both the default and the production values. */
class WorkloadTest {

    static Stream<Arguments> renders() {
        return Stream.of(arguments("default values", Chart.defaults()), arguments("values-production.yaml", Chart.production()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void probesUseTheHealthEndpointsOnTheServicePort(String values, Chart.Rendered rendered) {
        for (Service service : Service.values()) {
            Map<String, Object> container = service.container(rendered);
            assertThat(at(container, "readinessProbe.httpGet.path")).as(service.name).isEqualTo("/readyz");
            assertThat(at(container, "livenessProbe.httpGet.path")).as(service.name).isEqualTo("/livez");
            assertThat(at(container, "startupProbe.httpGet.path")).as(service.name).isEqualTo("/livez");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                assertThat(at(container, probe + ".httpGet.port")).as(service.name + " " + probe).isEqualTo("http");
            }
            assertThat(service.containerPort(rendered)).as(service.name).isEqualTo(Integer.parseInt(service.envValue(rendered, "SERVER_PORT")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyContainerRunsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities(String values, Chart.Rendered rendered) {
        for (Service service : Service.values()) {
            Map<String, Object> pod = service.pod(rendered);
            assertThat(at(pod, "securityContext.runAsNonRoot")).as(service.name).isEqualTo(true);
            assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(10001);
            assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
            for (Map<String, Object> container : service.allContainers(rendered)) {
                String what = service.name + "/" + container.get("name");
                Map<String, Object> security = mapAt(container, "securityContext");
                assertThat(security).as(what).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001)
                        .containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
                assertThat(at(security, "capabilities.drop")).as(what).isEqualTo(List.of("ALL"));
                assertThat(at(security, "seccompProfile.type")).as(what).isEqualTo("RuntimeDefault");
                assertThat(at(container, "resources.requests.cpu")).as(what + " cpu request").isNotNull();
                assertThat(at(container, "resources.requests.memory")).as(what + " memory request").isNotNull();
                assertThat(at(container, "resources.limits.cpu")).as(what + " cpu limit").isNotNull();
                assertThat(at(container, "resources.limits.memory")).as(what + " memory limit").isNotNull();
            }
            // The JVM and RocksDB need a writable /tmp: an emptyDir, since the root filesystem is read-only.
            assertThat(mapsAt(service.container(rendered), "volumeMounts")).as(service.name)
                    .anySatisfy(m -> assertThat(m).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
            assertThat(mapsAt(pod, "volumes")).anySatisfy(v -> assertThat(v).containsEntry("name", "tmp").containsKey("emptyDir"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void wiresKafkaRedisAndPostgresWithCredentialsFromSecrets(String values, Chart.Rendered rendered) {
        for (Service service : Service.values()) {
            Map<String, Map<String, Object>> env = service.env(rendered);
            assertThat(service.envValue(rendered, "SEATFLOW_KAFKA_BOOTSTRAPSERVERS")).as(service.name).isNotBlank();
            assertThat(env.containsKey("SEATFLOW_REDIS_URI")).as(service.name + " redis").isEqualTo(service.redis);
            assertThat(env.containsKey("SEATFLOW_POSTGRES_HOST")).as(service.name + " postgres").isEqualTo(service.postgres);
            if (service.redis) {
                // The whole URI or its AUTH part comes from a Secret, never from values.
                Map<String, Object> uri = env.get("SEATFLOW_REDIS_URI");
                Map<String, Object> auth = env.get("REDIS_AUTH");
                assertThat(at(uri, "valueFrom.secretKeyRef.name") != null || at(auth, "valueFrom.secretKeyRef.name") != null)
                        .as(service.name + " redis credentials from a Secret: " + uri).isTrue();
            }
            if (service.postgres) {
                assertThat(service.envValue(rendered, "SEATFLOW_POSTGRES_USERNAME")).as(service.name).isNotBlank();
                assertThat(at(env.get("SEATFLOW_POSTGRES_PASSWORD"), "valueFrom.secretKeyRef.key")).as(service.name).isEqualTo("password");
            }
            // Anything credential-like is a secretKeyRef.
            env.forEach((name, var) -> {
                if (name.matches(".*(PASSWORD|JAAS|AUTH|TOKEN|SECRET).*") && !name.endsWith("PROJECTID")) {
                    assertThat(at(var, "valueFrom.secretKeyRef")).as(service.name + " " + name).isNotNull();
                }
            });
        }
        assertThat(rendered.ofKind("Secret")).as("the chart never renders secret values").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void mountsTheConfigFileThatSpringLoads(String values, Chart.Rendered rendered) {
        for (Service service : Service.values()) {
            Map<String, Object> mount = mapsAt(service.container(rendered), "volumeMounts").stream()
                    .filter(m -> "config".equals(m.get("name"))).findFirst().orElseThrow();
            assertThat(service.envValue(rendered, "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("file:" + mount.get("mountPath") + "/seatflow.yml");
            String configMap = (String) mapsAt(service.pod(rendered), "volumes").stream()
                    .filter(v -> "config".equals(v.get("name"))).map(v -> at(v, "configMap.name")).findFirst().orElseThrow();
            Map<String, Object> file = new Yaml().load((String) mapAt(rendered.get("ConfigMap", configMap), "data").get("seatflow.yml"));
            assertThat(at(file, "seatflow.kafka.client")).as(service.name).isNotNull();
            assertThat(map(at(file, "seatflow.kafka.client"))).containsKey("[security.protocol]");
            // Route x status latency histograms (dashboard and alerts use the _bucket series).
            assertThat(map(at(file, "management.metrics.distribution.percentiles-histogram"))).containsEntry("[http.server.requests]", true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void exposesOnlyTheGatewaysApiAndEveryManagementPortWithPrometheusScrapeAnnotations(String values, Chart.Rendered rendered) {
        Map<String, Object> api = rendered.get("Service", Service.API_GATEWAY.resourceName());
        assertThat(mapsAt(api, "spec.ports")).singleElement().satisfies(port -> {
            assertThat(port.get("port")).isEqualTo(Service.API_GATEWAY.containerPort(rendered));
            assertThat(port.get("targetPort")).isEqualTo("http");
        });
        for (Service service : Service.values()) {
            if (service != Service.API_GATEWAY) {
                assertThat(rendered.has("Service", service.resourceName())).as("%s: its port serves only probes", service.name).isFalse();
            }
            Map<String, Object> svc = rendered.get("Service", service.resourceName() + "-management");
            Map<String, Object> port = mapsAt(svc, "spec.ports").get(0);
            assertThat(mapsAt(svc, "spec.ports")).hasSize(1);
            assertThat(port.get("port")).as(service.name).isEqualTo(service.managementPort(rendered));
            assertThat(port.get("targetPort")).isEqualTo("management");
            assertThat(service.envValue(rendered, "MANAGEMENT_SERVER_PORT")).isEqualTo(String.valueOf(service.managementPort(rendered)));
            Map<String, Object> podLabels = mapAt(service.workload(rendered), "spec.template.metadata.labels");
            assertThat(podLabels).containsAllEntriesOf(map(at(svc, "spec.selector")));
            assertThat(podLabels).containsAllEntriesOf(map(at(service.workload(rendered), "spec.selector.matchLabels")));
            Map<String, Object> annotations = mapAt(service.workload(rendered), "spec.template.metadata.annotations");
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(service.managementPort(rendered)));
            assertThat(service.pod(rendered).get("serviceAccountName")).isEqualTo(at(rendered.ofKind("ServiceAccount").get(0), "metadata.name"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void gatewayReplicaNReadsReplyPartitionNAndTheHpaStaysWithinThePartitions(String values, Chart.Rendered rendered) {
        Service gateway = Service.API_GATEWAY;
        Map<String, Object> statefulSet = gateway.workload(rendered);
        assertThat(at(gateway.env(rendered).get("SEATFLOW_GATEWAY_REPLYPARTITIONS"), "valueFrom.fieldRef.fieldPath"))
                .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        assertThat(rendered.has("Service", at(statefulSet, "spec.serviceName").toString())).isTrue();
        Map<String, Object> hpa = rendered.get("HorizontalPodAutoscaler", gateway.resourceName());
        assertThat(mapAt(hpa, "spec.scaleTargetRef")).containsEntry("kind", "StatefulSet").containsEntry("name", gateway.resourceName());
        assertThat(at(hpa, "spec.metrics.0.resource.name")).isEqualTo("cpu");
        int replyPartitions = Integer.parseInt(gateway.envValue(rendered, "SEATFLOW_KAFKA_TOPICS_REPLYPARTITIONS"));
        assertThat((Integer) at(hpa, "spec.maxReplicas")).isLessThanOrEqualTo(replyPartitions);
        assertThat(at(statefulSet, "spec.replicas")).as("the HPA owns the replica count").isNull();
        Map<String, Object> pdb = rendered.get("PodDisruptionBudget", gateway.resourceName());
        assertThat(mapAt(statefulSet, "spec.template.metadata.labels")).containsAllEntriesOf(map(at(pdb, "spec.selector.matchLabels")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void seatProcessorKeepsItsStreamsStateOnAVolumeWithStandbys(String values, Chart.Rendered rendered) {
        Service processor = Service.SEAT_PROCESSOR;
        Map<String, Object> statefulSet = processor.workload(rendered);
        String stateDir = processor.envValue(rendered, "SEATFLOW_PROCESSOR_STATEDIR");
        assertThat(mapsAt(processor.container(rendered), "volumeMounts"))
                .anySatisfy(m -> assertThat(m).containsEntry("name", "state").containsEntry("mountPath", stateDir));
        assertThat(mapsAt(statefulSet, "spec.volumeClaimTemplates")).singleElement()
                .satisfies(claim -> assertThat(at(claim, "metadata.name")).isEqualTo("state"));
        assertThat(Integer.parseInt(processor.envValue(rendered, "SEATFLOW_PROCESSOR_STANDBYREPLICAS"))).isPositive();
        assertThat((Integer) at(statefulSet, "spec.replicas")).isGreaterThan(1);
        assertThat(rendered.has("PodDisruptionBudget", processor.resourceName())).isTrue();
    }
}
