package dev.seatflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.support.kafka.KafkaSupportConfiguration;
import dev.seatflow.support.postgres.PostgresSupportConfiguration;
import dev.seatflow.support.redis.RedisEndpoint;
import dev.seatflow.support.redis.RedisSupportConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** A missing or malformed setting stops the service at startup, naming the setting. */
class SettingsValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class));

    @Test
    void refusesToStartWithoutKafkaBootstrapServers() {
        runner.withUserConfiguration(KafkaSupportConfiguration.class)
                .run(context -> assertThat(failure(context.getStartupFailure()))
                        .contains("seatflow.kafka.bootstrap-servers must name at least one broker"));
    }

    @Test
    void refusesATopicPrefixWithCharactersKafkaDoesNotAllow() {
        runner.withUserConfiguration(KafkaSupportConfiguration.class)
                .withPropertyValues("seatflow.kafka.bootstrap-servers=127.0.0.1:9092", "seatflow.kafka.topic-prefix=a b")
                .run(context -> assertThat(failure(context.getStartupFailure())).contains("seatflow.kafka.topic-prefix"));
    }

    @Test
    void refusesARedisUriOfAnotherScheme() {
        runner.withUserConfiguration(RedisSupportConfiguration.class)
                .withPropertyValues("seatflow.redis.uri=http://127.0.0.1:6379")
                .run(context -> assertThat(failure(context.getStartupFailure()))
                        .contains("seatflow.redis.uri must start with redis:// or rediss://"));
    }

    @Test
    void refusesAClusterUriWithADatabaseNumber() {
        runner.withUserConfiguration(RedisSupportConfiguration.class)
                .withPropertyValues("seatflow.redis.uri=redis://127.0.0.1:6379/2", "seatflow.redis.cluster=true")
                .run(context -> assertThat(failure(context.getStartupFailure()))
                        .contains("with seatflow.redis.cluster=true, seatflow.redis.uri must be a redis:// or rediss:// URI of a node"));
    }

    @Test
    void makesAClusterClientWhenToldTheRedisIsACluster() {
        // Nothing connects at startup: the shared connection opens on first use.
        runner.withUserConfiguration(RedisSupportConfiguration.class)
                .withPropertyValues("seatflow.redis.uri=rediss://:secret@127.0.0.1:6379", "seatflow.redis.cluster=true")
                .run(context -> assertThat(context).hasNotFailed().getBean(RedisEndpoint.class).isInstanceOf(RedisEndpoint.Cluster.class));
        runner.withUserConfiguration(RedisSupportConfiguration.class)
                .withPropertyValues("seatflow.redis.uri=redis://127.0.0.1:6379/2")
                .run(context -> assertThat(context).hasNotFailed().getBean(RedisEndpoint.class).isInstanceOf(RedisEndpoint.Single.class));
    }

    @Test
    void refusesPostgresWithoutHostAndAnOutOfRangePort() {
        runner.withUserConfiguration(PostgresSupportConfiguration.class)
                .withPropertyValues("seatflow.postgres.database=seatflow", "seatflow.postgres.username=seatflow",
                        "seatflow.postgres.port=70000")
                .run(context -> assertThat(failure(context.getStartupFailure()))
                        .contains("seatflow.postgres.host must be set")
                        .contains("port"));
    }

    @Test
    void refusesAHealthStalenessBoundAFreshResultCouldExceed() {
        runner.withUserConfiguration(RedisSupportConfiguration.class)
                .withPropertyValues("seatflow.redis.uri=redis://127.0.0.1:6379", "seatflow.health.interval=10s", "seatflow.health.stale-after=5s")
                .run(context -> assertThat(failure(context.getStartupFailure()))
                        .contains("seatflow.health.stale-after must exceed interval + timeout"));
    }

    @Test
    void startsWithCompleteSettings() {
        runner.withUserConfiguration(PostgresSupportConfiguration.class)
                .withPropertyValues("seatflow.postgres.host=127.0.0.1", "seatflow.postgres.database=seatflow",
                        "seatflow.postgres.username=seatflow")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static String failure(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
