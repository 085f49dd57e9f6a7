package dev.seatflow.support.postgres;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.client.SSLMode;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service reaches Postgres ({@code seatflow.postgres.*}).
 *
 * @param schema schema holding Seatflow's tables (created by the migrations when allowed)
 * @param sslMode libpq ssl mode: disable, prefer, require, verify-full
 * @param poolSize most open connections of the R2DBC pool
 * @param migrate run the Flyway migrations at startup
 */
@Validated
@ConfigurationProperties("seatflow.postgres")
public record PostgresSettings(
        @NotBlank(message = "seatflow.postgres.host must be set") String host,
        @DefaultValue("5432") @Min(1) @Max(65535) int port,
        @NotBlank(message = "seatflow.postgres.database must be set") String database,
        @NotBlank(message = "seatflow.postgres.username must be set") String username,
        String password,
        @DefaultValue("public") @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "seatflow.postgres.schema must be a plain identifier") String schema,
        @DefaultValue("disable") @Pattern(regexp = "disable|allow|prefer|require|verify-ca|verify-full") String sslMode,
        @DefaultValue("10") @Min(1) @Max(200) int poolSize,
        @DefaultValue("false") boolean migrate) {

    public PostgresSettings {
        password = password == null ? "" : password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?currentSchema=" + schema + "&sslmode=" + sslMode;
    }

    /** Where and as whom to connect, the same for every pool a service opens; callers add what is theirs. */
    public PostgresqlConnectionConfiguration.Builder connection() {
        return PostgresqlConnectionConfiguration.builder()
                .host(host)
                .port(port)
                .database(database)
                .username(username)
                .password(password)
                .schema(schema)
                .sslMode(SSLMode.fromValue(sslMode.toLowerCase(Locale.ROOT)))
                .connectTimeout(Duration.ofSeconds(5));
    }
}
