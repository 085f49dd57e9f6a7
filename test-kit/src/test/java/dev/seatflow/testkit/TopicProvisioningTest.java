package dev.seatflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.serde.SerdeSettings;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.schemas.topic.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealServices
class TopicProvisioningTest {

    @Test
    void commandsAreStampedByTheBrokerNotByTheirProducer(TestServices services) throws Exception {
        TopicCatalog topics = services.topics(AvroSerdeFactory.create(SerdeSettings.embedded()), 1, 1);
        long producerTime = 1_000L;

        RecordMetadata written = send(services, topics.commands().name(), producerTime);

        assertThat(written.timestamp()).as("the broker's append time, not the producer's").isNotEqualTo(producerTime)
                .isGreaterThan(System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());
        try (Admin admin = services.admin()) {
            assertThat(timestampType(admin, topics.commands().name())).isEqualTo(TopicCatalog.COMMANDS_TIMESTAMP_TYPE);
        }
    }

    @Test
    void setsTheRequiredTimestampTypeAgainOnACommandsTopicCreatedWithoutIt(TestServices services) throws Exception {
        TopicCatalog topics = new TopicCatalog(AvroSerdeFactory.create(SerdeSettings.embedded()), services.namespace().topicPrefix() + "old.");
        try (Admin admin = services.admin()) {
            admin.createTopics(List.of(new NewTopic(topics.commands().name(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime", TopicConfig.RETENTION_MS_CONFIG, "3600000"))))
                    .all().get(30, TimeUnit.SECONDS);

            TopicProvisioner.ensure(admin, topics.specs(1, 1), Optional.of((short) 1));

            assertThat(timestampType(admin, topics.commands().name())).isEqualTo("LogAppendTime");
            assertThat(config(admin, topics.commands().name(), TopicConfig.RETENTION_MS_CONFIG))
                    .as("what operators chose is left alone").isEqualTo("3600000");
        }
    }

    private static RecordMetadata send(TestServices services, String topic, long timestamp) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                services.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, null, timestamp, "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }

    private static String timestampType(Admin admin, String topic) throws Exception {
        return config(admin, topic, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
    }

    private static String config(Admin admin, String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(key).value();
    }

}
