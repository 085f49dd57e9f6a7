package dev.seatflow.audit.sink;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit sink ({@code seatflow.audit.*}).
 *
 * @param groupId consumer group (prefixed with the topic prefix)
 * @param batchSize most events written in one transaction
 * @param maxBackoff longest pause between retries while Postgres is unavailable
 */
@Validated
@ConfigurationProperties("seatflow.audit")
public record AuditSinkSettings(
        @DefaultValue("seatflow-audit-sink") @NotBlank String groupId,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("10s") @NotNull Duration maxBackoff) {
}
