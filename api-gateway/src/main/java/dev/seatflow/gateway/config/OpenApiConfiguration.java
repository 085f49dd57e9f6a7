package dev.seatflow.gateway.config;

import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.PublicPaths;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document, described as the gateway behaves: wire names from the application's JSON
 * mapper ({@link WireModelResolver}), no server-resolved arguments, the bearer requirement exactly
 * where {@link PublicPaths} demands a token, and every error status with the problem+json schema
 * narrowed to the codes that operation can answer ({@link Problems}).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String BEARER = "firebaseIdToken";
    private static final String PROBLEM = "Problem";

    static {
        // Resolved from the verified token and the exchange, never sent by a client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, ServerHttpRequest.class);
    }

    @Bean
    WireModelResolver wireModelResolver(JsonMapper json, ObjectMapperProvider springdoc) {
        return new WireModelResolver(json.serializationConfig().getPropertyNamingStrategy(), springdoc.isOpenapi31());
    }

    @Bean
    OpenAPI seatflowOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Seatflow API").version("v1")
                        .description("License and concurrent-seat platform. Errors are application/problem+json with a stable `code`."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("Firebase ID token with custom claims tenant_id and role"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /** What {@code ProblemWriter} sends: the RFC 9457 members, {@code code}, and the extension members some errors add. */
    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema())
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("RFC 9457 problem details with a stable machine-readable code")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList()))
                .addProperty("errors", new ArraySchema()
                        .items(new ComposedSchema().addOneOfItem(fieldError).addOneOfItem(new StringSchema()))
                        .description("invalid_request: a body's fields that fail validation, or the settings' rule each breaks"))
                .addProperty("command_id", new UUIDSchema().description("on 503s and decisions: the command this answer is about"))
                .addProperty("idempotency_key", new StringSchema().description("decision_pending: retry with it as Idempotency-Key"))
                .required(List.of("type", "title", "status", "code"));
    }

    @Bean
    OperationCustomizer operationProblems() {
        return (operation, handler) -> {
            Problems problems = handler.getMethodAnnotation(Problems.class);
            if (problems != null) {
                addProblems(operation, Arrays.asList(problems.value()));
            }
            return operation;
        };
    }

    /** What the filters answer before any handler: 401 and the bearer requirement off the public paths, 429 everywhere. */
    @Bean
    OpenApiCustomizer filterProblems() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (!PublicPaths.isPublic(path)) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                // Owners' and admins' tokens are also checked for revocation, which needs Firebase.
                addProblems(operation, List.of(ErrorCode.UNAUTHENTICATED, ErrorCode.TOKEN_EXPIRED, ErrorCode.TOKEN_REVOKED,
                        ErrorCode.IDENTITY_UNAVAILABLE));
            } else {
                operation.setSecurity(List.of());
            }
            addProblems(operation, List.of(ErrorCode.RATE_LIMITED));
        }));
    }

    /**
     * One response per status: the problem schema with {@code code} narrowed to these codes and to
     * those the operation already lists for that status (the handler's and the filters' together).
     */
    private static void addProblems(Operation operation, List<ErrorCode> codes) {
        Map<Integer, Set<ErrorCode>> byStatus = new TreeMap<>();
        codes.forEach(code -> byStatus.computeIfAbsent(code.status().value(), status -> new LinkedHashSet<>()).add(code));
        byStatus.forEach((status, sameStatus) -> {
            Set<ErrorCode> all = listedCodes(operation, status);
            all.addAll(sameStatus);
            Schema<?> narrowed = new ComposedSchema()
                    .addAllOfItem(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                    .addAllOfItem(new ObjectSchema().addProperty("code",
                            new StringSchema()._enum(all.stream().map(ErrorCode::wire).toList())));
            operation.getResponses().addApiResponse(Integer.toString(status), new ApiResponse()
                    .description(all.stream().map(code -> code.wire() + ": " + code.title()).collect(Collectors.joining("; ")))
                    .content(new Content().addMediaType("application/problem+json", new MediaType().schema(narrowed))));
        });
    }

    /** The codes an operation's response for this status already lists (read back from its narrowed schema). */
    private static Set<ErrorCode> listedCodes(Operation operation, int status) {
        Set<ErrorCode> codes = new LinkedHashSet<>();
        ApiResponse response = operation.getResponses() == null ? null : operation.getResponses().get(Integer.toString(status));
        MediaType problem = response == null || response.getContent() == null ? null : response.getContent().get("application/problem+json");
        if (problem != null && problem.getSchema() instanceof ComposedSchema composed && composed.getAllOf().size() == 2
                && composed.getAllOf().get(1).getProperties() != null
                && composed.getAllOf().get(1).getProperties().get("code") instanceof StringSchema code && code.getEnum() != null) {
            code.getEnum().forEach(wire -> codes.add(ErrorCode.valueOf(wire.toUpperCase(Locale.ROOT))));
        }
        return codes;
    }
}
