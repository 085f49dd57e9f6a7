package dev.seatflow.testkit;

import dev.seatflow.schemas.serde.AvroSerdeFactory;
import dev.seatflow.schemas.topic.TopicCatalog;
import dev.seatflow.schemas.topic.TopicProvisioner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services one test sees, isolated by its {@link TestNamespace}: topics under its prefix, its
 * own Postgres schema, and a Redis key prefix. Closing it drops the topics and the schema.
 */
public final class TestServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestServices.class);

    private final SharedServices shared;
    private final TestNamespace namespace;
    private final boolean ownsServers;
    private PostgresService postgres;
    private boolean topicsCreated;

    TestServices(SharedServices shared, TestNamespace namespace) {
        this(shared, namespace, false);
    }

    private TestServices(SharedServices shared, TestNamespace namespace, boolean ownsServers) {
        this.shared = shared;
        this.namespace = namespace;
        this.ownsServers = ownsServers;
    }

    /**
     * Services for a program outside JUnit (a build step that needs a running platform): chosen as
     * for tests, and closing them also stops the servers they started.
     */
    public static TestServices standalone() {
        return new TestServices(new SharedServices(), TestNamespace.random(), true);
    }

    /**
     * The same servers under a namespace of its own, which the caller closes. For a test whose
     * processes must not meet a fixture that shares this test's namespace: a parameter resolved in
     * a test method finds the one a run-wide fixture (the gateway platform) put in the root context,
     * and processors started on it would join that fixture's consumer groups.
     */
    public TestServices isolated() {
        return new TestServices(shared, TestNamespace.random());
    }

    public TestNamespace namespace() {
        return namespace;
    }

    public KafkaService kafka() {
        return shared.kafka();
    }

    public RedisService redis() {
        return shared.redis();
    }

    /**
     * A real Redis Cluster (three masters), shared by the JVM's tests like {@link #redis()}; empty
     * where no redis-server binary is installed (the reason is logged; tests skip then).
     */
    public Optional<RedisClusterService> redisCluster() {
        return shared.redisCluster();
    }

    /** Postgres, connected to a schema of this test's own (created empty on first use). */
    public synchronized PostgresService postgres() {
        if (postgres == null) {
            PostgresService server = shared.postgres();
            execute(server, "CREATE SCHEMA IF NOT EXISTS \"" + namespace.postgresSchema() + "\"");
            postgres = server.withSchema(namespace.postgresSchema());
        }
        return postgres;
    }

    /** Seatflow's topics under this test's prefix, created on the broker (small partition counts). */
    public synchronized TopicCatalog topics(AvroSerdeFactory serdes, int partitions, int replyPartitions) {
        TopicCatalog catalog = new TopicCatalog(serdes, namespace.topicPrefix());
        if (!topicsCreated) {
            try (Admin admin = admin()) {
                TopicProvisioner.ensure(admin, catalog.specs(partitions, replyPartitions), Optional.of((short) 1));
            }
            topicsCreated = true;
        }
        return catalog;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers()));
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            execute(postgres, "DROP SCHEMA IF EXISTS \"" + namespace.postgresSchema() + "\" CASCADE");
        }
        if (topicsCreated) {
            try (Admin admin = admin()) {
                var names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(name -> name.startsWith(namespace.topicPrefix()) || name.startsWith(namespace.id() + "-"))
                        .toList();
                admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("could not delete topics of {}: {}", namespace.id(), e.getMessage());
            }
        }
        if (ownsServers) {
            try {
                shared.close();
            } catch (Exception e) {
                log.warn("could not stop the test servers: {}", e.getMessage());
            }
        }
    }

    private static void execute(PostgresService server, String sql) {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + server.database();
        try (Connection connection = DriverManager.getConnection(url, props); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
