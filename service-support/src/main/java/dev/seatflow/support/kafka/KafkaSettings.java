package dev.seatflow.support.kafka;

import dev.seatflow.schemas.serde.SerdeSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Kafka ({@code seatflow.kafka.*}).
 *
 * @param bootstrapServers host:port list of brokers
 * @param topicPrefix namespace put before every topic name (several environments on one cluster)
 * @param schemaRegistryUrl Apicurio Registry API URL; blank for single-object encoding
 * @param client further Kafka client settings for every client (security.protocol, sasl.*, ssl.*)
 * @param registry further Apicurio serde settings (auth, TLS)
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
        Map<String, String> registry) {

    public KafkaSettings {
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
