package dev.seatflow.gateway.audit;

import dev.seatflow.auditlog.AuditExporter;
import dev.seatflow.auditlog.AuditExports;
import dev.seatflow.auditlog.AuditQueries;
import dev.seatflow.auditlog.AuditVerifier;
import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Page;
import dev.seatflow.gateway.web.Problems;
import dev.seatflow.schemas.common.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

@RestController
@RequestMapping("/api/v1/audit-logs")
@Tag(name = "audit", description = "The tenant's tamper-evident audit trail (admin+)")
public class AuditLogController {

    private final AuditLogService audit;
    private final Duration maxRange;

    public AuditLogController(AuditLogService audit, GatewaySettings settings) {
        this.audit = audit;
        this.maxRange = settings.exports().maxRange();
    }

    @GetMapping
    @Operation(operationId = "listAuditEntries", summary = "Audit entries, newest first; filter by action, user, resource and time; page with 'before'")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.POSTGRES_UNAVAILABLE})
    public Mono<AuditQueries.EntryPage> list(Caller caller,
                                            @RequestParam(required = false) String action,
                                            @RequestParam(name = "user_id", required = false) String userId,
                                            @RequestParam(name = "resource_type", required = false) String resourceType,
                                            @RequestParam(name = "resource_id", required = false) String resourceId,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @Parameter(description = "next_before of the previous page") @RequestParam(required = false) Long before,
                                            @RequestParam(required = false) Integer limit) {
        int size = Page.size(limit);
        AuditQueries.Filter filter = new AuditQueries.Filter(upper(action), userId, upper(resourceType), resourceId,
                instant(from, "from", false), instant(to, "to", false));
        return Roles.require(caller, Role.ADMIN).then(audit.page(caller.tenantId(), filter, before, size));
    }

    @GetMapping("/export")
    @Operation(operationId = "exportAuditLog", summary = "Stream the log for a time range as CSV or JSON Lines; the signed manifest is in the response headers")
    @ApiResponse(responseCode = "200", description = "The entries, one per line",
            content = {@Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                       @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.EXPORT_IN_PROGRESS, ErrorCode.EXPORTS_BUSY, ErrorCode.POSTGRES_UNAVAILABLE})
    public Mono<Void> export(Caller caller, @RequestParam String from, @RequestParam String to,
                             @RequestParam(defaultValue = "jsonl") String format, ServerWebExchange exchange) {
        AuditExporter.Format chosen = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> AuditExporter.Format.CSV;
            case "jsonl" -> AuditExporter.Format.JSONL;
            default -> throw new ApiException(ErrorCode.INVALID_REQUEST, "format must be csv or jsonl");
        };
        Instant start = instant(from, "from", true);
        Instant end = instant(to, "to", true);
        if (!end.isAfter(start)) {
            return Mono.error(new ApiException(ErrorCode.INVALID_REQUEST, "to must be after from"));
        }
        if (Duration.between(start, end).compareTo(maxRange) > 0) {
            String limit = "from and to may be at most " + maxRange.toDays() + " days apart";
            return Mono.error(new ApiException(ErrorCode.INVALID_REQUEST, "the range is too long: " + limit)
                    .with("errors", List.of(Map.of("field", "to", "message", limit))));
        }
        String file = "audit-" + caller.tenantId() + "." + format.toLowerCase(Locale.ROOT);
        // Written here rather than returned: the export's slot is held until this write has ended.
        return Roles.require(caller, Role.ADMIN).then(audit.export(caller.tenantId(), start, end, chosen, export -> {
            ServerHttpResponse response = exchange.getResponse();
            HttpHeaders headers = response.getHeaders();
            headers.setContentType(chosen == AuditExporter.Format.CSV ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                    : MediaType.parseMediaType("application/x-ndjson"));
            headers.set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"");
            headers.set(AuditExports.MANIFEST_HEADER, Base64.getEncoder().encodeToString(export.manifest().json()));
            headers.set(AuditExports.SIGNATURE_HEADER, export.manifest().signature().base64());
            headers.set(AuditExports.KEY_ID_HEADER, export.manifest().signature().keyId());
            return response.writeWith(export.lines().map(line -> response.bufferFactory().wrap(line.getBytes(StandardCharsets.UTF_8)))
                    .doOnError(TimeoutException.class, stalled -> close(response)));
        }));
    }

    /**
     * Closes the connection of a download whose client stopped reading: the server cannot finish
     * a write the client does not take, so the answer would otherwise never end (nor free its slot).
     */
    private static void close(ServerHttpResponse response) {
        if (ServerHttpResponseDecorator.getNativeResponse(response) instanceof Connection connection) {
            connection.channel().close();
        }
    }

    @GetMapping("/verify")
    @Operation(operationId = "verifyAuditLog", summary = "Re-walk the tenant's hash chain and report any altered, missing or reordered row")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.EXPORT_IN_PROGRESS, ErrorCode.EXPORTS_BUSY, ErrorCode.POSTGRES_UNAVAILABLE})
    public Mono<AuditVerifier.Verification> verify(Caller caller) {
        return Roles.require(caller, Role.ADMIN).then(audit.verify(caller.tenantId()));
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static Instant instant(String value, String name, boolean required) {
        if (value == null) {
            if (required) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, name + " is required");
            }
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, name + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }
}
