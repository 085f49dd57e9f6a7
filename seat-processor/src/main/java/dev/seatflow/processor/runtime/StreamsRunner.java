package dev.seatflow.processor.runtime;

import dev.seatflow.processor.decision.SeatDecider;
import dev.seatflow.processor.metrics.SeatMetrics;
import dev.seatflow.processor.topology.SeatTopology;
import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the seat topology with exactly-once processing for as long as the service runs. */
public final class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    /** First retry of a refused produce (see {@link #streamsConfig}); doubles up to the max. */
    static final Duration STREAMS_RETRY_BACKOFF = Duration.ofMillis(5);
    static final Duration STREAMS_RETRY_BACKOFF_MAX = Duration.ofMillis(200);

    private final Properties config;
    private final Topology topology;
    private final MeterRegistry meters;
    private final StreamsReadiness readiness;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;

    public StreamsRunner(Map<String, Object> clientSettings, SeatProcessorSettings settings, TopicCatalog topics,
                         AvroSerdeFactory serdes, SeatMetrics metrics, MeterRegistry meters, Tracer tracer) {
        this.config = streamsConfig(clientSettings, settings, topics.prefix());
        StreamsBuilder builder = new StreamsBuilder();
        SeatTopology.build(builder, topics, serdes, settings.policy(), metrics, tracer, new SeatDecider());
        this.topology = builder.build(config);
        this.meters = meters;
        this.readiness = new StreamsReadiness(settings.readinessRebalancingLimit(), settings.readinessFailureWindow());
    }

    /** Exactly-once v2; the application id carries the topic prefix so environments stay apart. */
    public static Properties streamsConfig(Map<String, Object> clientSettings, SeatProcessorSettings settings, String topicPrefix) {
        Map<String, Object> values = new HashMap<>(clientSettings);
        values.put(StreamsConfig.APPLICATION_ID_CONFIG, topicPrefix + settings.applicationId());
        values.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        values.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        values.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        values.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        values.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        values.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        values.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) settings.sessionTimeout().toMillis());
        values.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) settings.sessionTimeout().toMillis() / 3);
        // Early replies leave at once: no batching delay (Kafka Streams would set 100 ms).
        values.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        // With transactions v2 (KIP-890, Kafka 4 brokers) a transaction's first writes are refused
        // CONCURRENT_TRANSACTIONS while the previous one's markers are still being written, which a
        // short commit interval makes frequent; the producer retries after retry.backoff.ms
        // (100 ms by default, doubling), which stalled every decision behind it and, under load,
        // grew the queue until callers timed out. The markers take a few milliseconds: retry soon.
        values.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), STREAMS_RETRY_BACKOFF.toMillis());
        values.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), STREAMS_RETRY_BACKOFF_MAX.toMillis());
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
    }

    public StreamsReadiness readiness() {
        return readiness;
    }

    @Override
    public synchronized void start() {
        streams = new KafkaStreams(topology, config);
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("stream thread failed; replacing it", exception);
            readiness.threadFailed(exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            log.info("seat processor streams {} -> {}", before, now);
            readiness.stateChanged(now);
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.start();
        log.info("seat processor started: application id {}, commit interval {} ms",
                config.get(StreamsConfig.APPLICATION_ID_CONFIG), config.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streamsMetrics.close();
            streams = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }
}
