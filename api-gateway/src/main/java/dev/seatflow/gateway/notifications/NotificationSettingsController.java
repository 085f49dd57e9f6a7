package dev.seatflow.gateway.notifications;

import dev.seatflow.expiry.channels.ChannelSettings;
import dev.seatflow.expiry.channels.ChannelSettingsRepository;
import dev.seatflow.expiry.channels.FcmTopics;
import dev.seatflow.expiry.channels.InvalidChannelSettingsException;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Problems;
import dev.seatflow.schemas.common.Role;
import io.r2dbc.pool.ConnectionPool;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The tenant's license expiry warning settings (thresholds and channels), read by admins and set
 * by the owner; the expiry warner acts on them. The webhook secret is never shown back.
 */
@RestController
@RequestMapping("/api/v1/tenant/notifications")
@Tag(name = "tenant")
public class NotificationSettingsController {

    private final ChannelSettingsRepository settings;

    public NotificationSettingsController(ConnectionPool pool, GatewaySettings gateway) {
        this.settings = new ChannelSettingsRepository(pool, gateway.webhookTargetPolicy());
    }

    /**
     * Thresholds are ISO-8601 durations before expiry (P30D, P7D, P1D, PT0S); an empty list means the defaults.
     * {@code fcmSubscriptionTopic} is the FCM topic the warnings really go to, the tenant's topic inside its
     * namespace ({@link FcmTopics}): the name apps subscribe to; ignored when sent.
     */
    public record NotificationSettings(@Size(max = 10) List<String> thresholds, String webhookUrl, String webhookSecret,
                                       @Size(max = 10) List<String> emailRecipients, String fcmTopic,
                                       @Schema(accessMode = Schema.AccessMode.READ_ONLY) String fcmSubscriptionTopic, Instant updatedAt) {

        static NotificationSettings of(ChannelSettings settings) {
            String subscription = settings.fcmTopic() == null ? null : FcmTopics.forTenant(settings.tenantId(), settings.fcmTopic());
            return new NotificationSettings(settings.thresholds().stream().map(Duration::toString).toList(), settings.webhookUrl(),
                    null, settings.emailRecipients(), settings.fcmTopic(), subscription, settings.updatedAt());
        }
    }

    @GetMapping
    @Operation(operationId = "getNotificationSettings", summary = "Expiry warning thresholds and channels (admin+); the webhook secret is not shown")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.POSTGRES_UNAVAILABLE})
    public Mono<NotificationSettings> get(Caller caller) {
        return Roles.require(caller, Role.ADMIN)
                .then(settings.find(caller.tenantId()).defaultIfEmpty(ChannelSettings.of(caller.tenantId())))
                .map(NotificationSettings::of)
                .onErrorMap(NotificationSettingsController::unavailable);
    }

    @PutMapping
    @Operation(operationId = "putNotificationSettings", summary = "Replace the expiry warning thresholds and channels (owner)")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.POSTGRES_UNAVAILABLE})
    public Mono<NotificationSettings> put(Caller caller, @Valid @RequestBody NotificationSettings body) {
        return Roles.require(caller, Role.OWNER)
                .then(Mono.defer(() -> settings.put(new ChannelSettings(caller.tenantId(), durations(body.thresholds()), body.webhookUrl(),
                        body.webhookSecret(), body.emailRecipients(), body.fcmTopic(), null))))
                .map(NotificationSettings::of)
                .onErrorMap(InvalidChannelSettingsException.class, e -> new ApiException(ErrorCode.INVALID_REQUEST,
                        "the notification settings are not valid").with("errors", e.problems()))
                .onErrorMap(NotificationSettingsController::unavailable);
    }

    private static List<Duration> durations(List<String> thresholds) {
        if (thresholds == null) {
            return List.of();
        }
        try {
            return thresholds.stream().map(Duration::parse).toList();
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "thresholds must be ISO-8601 durations such as P30D or PT0S");
        }
    }

    private static Throwable unavailable(Throwable error) {
        return error instanceof ApiException ? error
                : new ApiException(ErrorCode.POSTGRES_UNAVAILABLE, "the settings store is unavailable; retry shortly", error)
                .retryAfter(Duration.ofSeconds(5));
    }
}
