package dev.seatflow.support.kafka;

import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.support.health.HealthCheck;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** Up when the cluster answers and Seatflow's topics exist. */
public final class KafkaHealthCheck implements HealthCheck {

    private final Admin admin;
    private final List<String> required;
    /** The admin calls' own bound, so that they do not linger in the client after the check gave up. */
    private final int timeoutMs;

    public KafkaHealthCheck(Admin admin, TopicCatalog topics, Duration timeout) {
        this.admin = admin;
        this.required = List.of(topics.commands().name(), topics.replies().name(), topics.events().name());
        this.timeoutMs = (int) timeout.toMillis();
    }

    @Override
    public Mono<Health> check() {
        Mono<Integer> brokers = Mono.fromFuture(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                .nodes().toCompletionStage().toCompletableFuture()).map(nodes -> nodes.size());
        Mono<List<String>> missing = Mono.fromFuture(() -> admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs))
                .names().toCompletionStage().toCompletableFuture())
                .map(names -> required.stream().filter(name -> !names.contains(name)).toList());
        return Mono.zip(brokers, missing).map(result -> {
            Health.Builder health = result.getT2().isEmpty() ? Health.up() : Health.down().withDetail("missingTopics", result.getT2());
            return health.withDetail("brokers", result.getT1()).build();
        });
    }
}
