package dev.seatflow.processor.runtime;

import dev.seatflow.schemas.topic.TopicCatalog;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at startup whether the commands topic is stamped by the broker. Kafka Streams does not
 * tell a processor which kind of timestamp a record carries, so this is the only place it can be
 * seen: on a topic stamped by producers, decisions are still replayed the same, but gateway clocks
 * and their skew decide them.
 */
final class CommandsTopicCheck {

    private static final Logger log = LoggerFactory.getLogger(CommandsTopicCheck.class);
    private static final long TIMEOUT_SECONDS = 10;

    private CommandsTopicCheck() {
    }

    static void warnUnlessStampedByTheBroker(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
            String type = entry == null ? null : entry.value();
            if (!TopicCatalog.COMMANDS_TIMESTAMP_TYPE.equals(type)) {
                log.warn("{} has {}={}: commands are decided at their producers' (the gateways') times, not the log's;"
                        + " set it to {} (see README, Seat processor)", topic, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, type,
                        TopicCatalog.COMMANDS_TIMESTAMP_TYPE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not read the configuration of {} to check its timestamp type: {}", topic, e.toString());
        }
    }
}
