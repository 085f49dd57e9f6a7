package dev.seatflow.deploy;

import static dev.seatflow.deploy.Yaml2.at;
import static dev.seatflow.deploy.Yaml2.mapsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values that cannot work fail at render time (helm install/template), with a message saying why. */
class ChartValidationTest {

    @Test
    void gatewayMaxReplicasAboveTheReplyPartitionsFails() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("apiGateway.autoscaling.maxReplicas", 9)))
                .hasMessageContaining("up to 9 replicas but kafka.topics.replyPartitions is 8");
        assertThatThrownBy(() -> Chart.render(Chart.PRODUCTION_VALUES, Map.of("kafka.topics.replyPartitions", 10)))
                .hasMessageContaining("up to 12 replicas but kafka.topics.replyPartitions is 10");
    }

    @Test
    void fixedGatewayReplicasAboveTheReplyPartitionsFail() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("apiGateway.autoscaling.enabled", false, "apiGateway.replicas", 9)))
                .hasMessageContaining("replyPartitions");
        Chart.Rendered fixed = Chart.render(null, Map.of("apiGateway.autoscaling.enabled", false, "apiGateway.replicas", 8));
        assertThat(at(Service.API_GATEWAY.workload(fixed), "spec.replicas")).isEqualTo(8);
        assertThat(fixed.has("HorizontalPodAutoscaler", Service.API_GATEWAY.resourceName())).isFalse();
    }

    @Test
    void asManyGatewaysAsReplyPartitionsIsAllowed() {
        Chart.Rendered rendered = Chart.render(null, Map.of("apiGateway.autoscaling.maxReplicas", 16, "kafka.topics.replyPartitions", 16));
        assertThat(at(rendered.get("HorizontalPodAutoscaler", Service.API_GATEWAY.resourceName()), "spec.maxReplicas")).isEqualTo(16);
    }

    @Test
    void theFirebaseProjectMustBeNamed() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("firebase.projectId", "")))
                .hasMessageContaining("firebase.projectId is required");
    }

    @Test
    void kmsSigningNeedsKeyVersions() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("apiGateway.signing.provider", "kms")))
                .hasMessageContaining("kmsKeyVersions");
    }

    @Test
    void localSigningWithSeveralReplicasNeedsSharedKeys() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("apiGateway.signing.localKeysSecret", "")))
                .hasMessageContaining("localKeysSecret");
        Chart.Rendered single = Chart.render(null, Map.of("apiGateway.signing.localKeysSecret", "",
                "apiGateway.autoscaling.enabled", false, "apiGateway.replicas", 1));
        assertThat(mapsAt(Service.API_GATEWAY.pod(single), "initContainers")).isEmpty();
    }

    @Test
    void redisAndCloudSqlSettingsAreRequired() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("redis.uriSecret.name", "")))
                .hasMessageContaining("redis.uriSecret");
        assertThatThrownBy(() -> Chart.render(null, Map.of("postgres.cloudSqlProxy.enabled", true)))
                .hasMessageContaining("instanceConnectionName");
    }
}
