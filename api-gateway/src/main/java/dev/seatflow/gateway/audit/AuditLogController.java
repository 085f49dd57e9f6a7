package dev.seatflow.gateway.audit;

import dev.seatflow.auditlog.AuditExporter;
import dev.seatflow.auditlog.AuditQueries;
import dev.seatflow.auditlog.AuditVerifier;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Page;
import dev.seatflow.gateway.web.Problems;
import dev.seatflow.schemas.common.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/audit-logs")
@Tag(name = "audit", description = "The tenant's tamper-evident audit trail (admin+)")
public class AuditLogController {

    public static final String MANIFEST_HEADER = "Seatflow-Manifest";
    public static final String SIGNATURE_HEADER = "Seatflow-Manifest-Signature";
    public static final String KEY_ID_HEADER = "Seatflow-Manifest-Key-Id";

    private final AuditLogService audit;

    public AuditLogController(AuditLogService audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first; filter by action, user, resource and time; page with 'before'")
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
        int size = limit == null ? Page.DEFAULT_LIMIT : limit;
        if (size < 1 || size > Page.MAX_LIMIT) {
            return Mono.error(new ApiException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + Page.MAX_LIMIT));
        }
        AuditQueries.Filter filter = new AuditQueries.Filter(upper(action), userId, upper(resourceType), resourceId,
                instant(from, "from", false), instant(to, "to", false));
        return Roles.require(caller, Role.ADMIN).then(audit.page(caller.tenantId(), filter, before, size));
    }

    @GetMapping("/export")
    @Operation(summary = "Stream the log for a time range as CSV or JSON Lines; the signed manifest is in the response headers")
    @Problems({ErrorCode.INVALID_REQUEST, ErrorCode.FORBIDDEN, ErrorCode.POSTGRES_UNAVAILABLE})
    public Mono<ResponseEntity<Flux<DataBuffer>>> export(Caller caller, @RequestParam String from, @RequestParam String to,
                                                        @RequestParam(defaultValue = "jsonl") String format) {
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
        return Roles.require(caller, Role.ADMIN).then(audit.export(caller.tenantId(), start, end, chosen)).map(export -> {
            Flux<DataBuffer> body = export.lines().map(line -> DefaultDataBufferFactory.sharedInstance.wrap(line.getBytes(StandardCharsets.UTF_8)));
            String file = "audit-" + caller.tenantId() + "." + format.toLowerCase(Locale.ROOT);
            return ResponseEntity.ok()
                    .contentType(chosen == AuditExporter.Format.CSV ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.parseMediaType("application/x-ndjson"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                    .header(MANIFEST_HEADER, Base64.getEncoder().encodeToString(export.manifest().json()))
                    .header(SIGNATURE_HEADER, export.manifest().signature().base64())
                    .header(KEY_ID_HEADER, export.manifest().signature().keyId())
                    .body(body);
        });
    }

    @GetMapping("/verify")
    @Operation(summary = "Re-walk the tenant's hash chain and report any altered, missing or reordered row")
    @Problems({ErrorCode.FORBIDDEN, ErrorCode.POSTGRES_UNAVAILABLE})
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
