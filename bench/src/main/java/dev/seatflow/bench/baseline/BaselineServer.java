package dev.seatflow.bench.baseline;

import dev.seatflow.gateway.config.GatewayConfiguration;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.security.AuthConfiguration;
import dev.seatflow.gateway.security.AuthFilter;
import dev.seatflow.gateway.security.DevTokenController;
import dev.seatflow.gateway.signing.LicenseSigning;
import dev.seatflow.gateway.signing.SigningConfiguration;
import dev.seatflow.gateway.web.ProblemExceptionHandler;
import dev.seatflow.gateway.web.ProblemWriter;
import dev.seatflow.support.ServiceLauncher;
import dev.seatflow.support.redis.RedisConnector;
import dev.seatflow.support.redis.RedisSupportConfiguration;
import dev.seatflow.support.web.NettyResourcesConfiguration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The original design, per request, behind Seatflow's own HTTP stack: the gateway's WebFlux
 * setup, auth filter (firebase-admin's verifyIdToken against the local issuer, as {@code ./seatflow}
 * runs it), problem+json handling, dev-token endpoint and license signer; then, where the gateway
 * publishes a command to Kafka, a synchronous Redis Lua seat script and Postgres writes.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewaySettings.class)
@Import({NettyResourcesConfiguration.class, RedisSupportConfiguration.class, GatewayConfiguration.class, AuthConfiguration.class,
        SigningConfiguration.class, AuthFilter.class, ProblemWriter.class, ProblemExceptionHandler.class, DevTokenController.class,
        LicenseSigning.class})
public class BaselineServer {

    public static void main(String[] args) {
        ServiceLauncher.application("baseline", BaselineServer.class).run(args);
    }

    /** Blocking request work: as many threads as pooled connections, like one Django worker per connection. */
    @Bean(destroyMethod = "dispose")
    Scheduler baselineWorkers(@Value("${spring.datasource.hikari.maximum-pool-size}") int threads) {
        AtomicInteger number = new AtomicInteger();
        return Schedulers.fromExecutorService(Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "baseline-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }), "baseline-workers");
    }

    @Bean
    BaselineStore baselineStore(DataSource db, RedisConnector redis, @Value("${bench.baseline.schema}") String schema) throws SQLException {
        BaselineSchema.create(db, schema);
        return new BaselineStore(db, redis.connection().sync());
    }

    /** The original's tables (AuditLog with its three indexes, License, LicenseSession, Organization) in a schema of this run. */
    static final class BaselineSchema {

        private BaselineSchema() {
        }

        static void create(DataSource db, String schema) throws SQLException {
            if (!schema.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("bench.baseline.schema must be a plain identifier");
            }
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                s.execute("SET search_path TO " + schema);
                s.execute("CREATE TABLE IF NOT EXISTS tenants (id text PRIMARY KEY, plan text NOT NULL, max_seats int NOT NULL, "
                        + "session_ttl_seconds int NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS licenses (id uuid PRIMARY KEY, tenant_id text NOT NULL, key text NOT NULL, "
                        + "tier text NOT NULL, features text[] NOT NULL, expiry_date timestamptz NOT NULL, is_active boolean NOT NULL, "
                        + "created_at timestamptz NOT NULL, UNIQUE (tenant_id, key))");
                s.execute("CREATE TABLE IF NOT EXISTS license_sessions (id uuid PRIMARY KEY, tenant_id text NOT NULL, license_id uuid NOT NULL, "
                        + "user_id text NOT NULL, hardware_id text NOT NULL, ip_address text, user_agent text, started_at timestamptz NOT NULL, "
                        + "last_heartbeat_at timestamptz NOT NULL, ended_at timestamptz)");
                s.execute("CREATE INDEX IF NOT EXISTS license_sessions_live ON license_sessions (license_id, user_id, hardware_id) WHERE ended_at IS NULL");
                s.execute("CREATE TABLE IF NOT EXISTS audit_logs (id bigserial PRIMARY KEY, organization_id text NOT NULL, user_id text, "
                        + "action varchar(100) NOT NULL, resource_type varchar(100), resource_id uuid, metadata jsonb NOT NULL DEFAULT '{}', "
                        + "created_at timestamptz NOT NULL DEFAULT now())");
                s.execute("CREATE INDEX IF NOT EXISTS audit_org_action ON audit_logs (organization_id, action, created_at)");
                s.execute("CREATE INDEX IF NOT EXISTS audit_org_user ON audit_logs (organization_id, user_id, created_at)");
                s.execute("CREATE INDEX IF NOT EXISTS audit_resource ON audit_logs (organization_id, resource_type, resource_id)");
            }
        }
    }
}
