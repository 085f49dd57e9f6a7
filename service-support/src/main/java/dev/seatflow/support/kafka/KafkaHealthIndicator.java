package dev.seatflow.support.kafka;

import dev.seatflow.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** Up when the cluster answers and Seatflow's topics exist. */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;
    private final List<String> required;

    public KafkaHealthIndicator(Admin admin, TopicCatalog topics) {
        super("Kafka health check failed");
        this.admin = admin;
        this.required = List.of(topics.commands().name(), topics.replies().name(), topics.events().name());
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        int timeout = (int) TIMEOUT.toMillis();
        Mono<Integer> brokers = Mono.fromFuture(admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                .nodes().toCompletionStage().toCompletableFuture()).map(nodes -> nodes.size());
        Mono<List<String>> missing = Mono.fromFuture(admin.listTopics(new ListTopicsOptions().timeoutMs(timeout))
                .names().toCompletionStage().toCompletableFuture())
                .map(names -> required.stream().filter(name -> !names.contains(name)).toList());
        return Mono.zip(brokers, missing).timeout(TIMEOUT.plusSeconds(1)).map(result -> {
            builder.withDetail("brokers", result.getT1());
            return result.getT2().isEmpty()
                    ? builder.up().build()
                    : builder.down().withDetail("missingTopics", result.getT2()).build();
        });
    }
}
