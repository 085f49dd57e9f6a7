package dev.seatflow.support.kafka;

import dev.seatflow.schemas.serde.SerdeSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Kafka ({@code seatflow.kafka.*}).
 *
 * @param bootstrapServers host:port list of brokers
 * @param topicPrefix namespace put before every topic name (several environments on one cluster)
 * @param schemaRegistryUrl Apicurio Registry API URL; blank for single-object encoding
 * @param client further Kafka client settings for every client (security.protocol, sasl.*, ssl.*)
 * @param registry further Apicurio serde settings (auth, TLS)
 * @param topics whether and how this service creates missing topics at startup
 */
@Validated
@ConfigurationProperties("seatflow.kafka")
public record KafkaSettings(
        @NotBlank(message = "seatflow.kafka.bootstrap-servers must name at least one broker (host:port)")
        String bootstrapServers,
        @Pattern(regexp = "[A-Za-z0-9._-]*", message = "seatflow.kafka.topic-prefix may only hold letters, digits, '.', '_' and '-'")
        String topicPrefix,
        String schemaRegistryUrl,
        Map<String, String> client,
        Map<String, String> registry,
        @Valid Topics topics) {

    /**
     * Topic creation at startup (off by default: production clusters are provisioned by their
     * owners; Docker Compose and the local launcher turn it on).
     *
     * @param replicationFactor -1 for the broker's default
     */
    public record Topics(
            @DefaultValue("false") boolean provision,
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("8") @Min(1) int replyPartitions,
            @DefaultValue("-1") short replicationFactor) {
    }

    public KafkaSettings {
        topics = topics == null ? new Topics(false, 6, 8, (short) -1) : topics;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        client = client == null ? Map.of() : Map.copyOf(client);
        registry = registry == null ? Map.of() : Map.copyOf(registry);
    }

    /** Settings shared by every producer, consumer, admin and Streams client. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(client);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public SerdeSettings serdeSettings() {
        return new SerdeSettings(schemaRegistryUrl, registry);
    }
}
