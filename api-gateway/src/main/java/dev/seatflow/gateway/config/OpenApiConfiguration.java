package dev.seatflow.gateway.config;

import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: bearer auth, the problem+json schema, and every endpoint's errors. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String BEARER = "firebaseIdToken";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI seatflowOpenApi() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details with a stable machine-readable code")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList()))
                .addProperty("command_id", new StringSchema().format("uuid").description("on 503s and decisions: retry with it as Idempotency-Key"));
        return new OpenAPI()
                .info(new Info().title("Seatflow API").version("v1")
                        .description("License and concurrent-seat platform. Errors are application/problem+json with a stable `code`."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("Firebase ID token with custom claims tenant_id and role"))
                        .addSchemas(PROBLEM, problem));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            Problems problems = handler.getMethodAnnotation(Problems.class);
            boolean authenticated = problems == null || problems.authenticated();
            Set<ErrorCode> codes = new LinkedHashSet<>();
            if (authenticated) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                codes.addAll(Set.of(ErrorCode.UNAUTHENTICATED, ErrorCode.RATE_LIMITED));
            }
            if (problems != null) {
                codes.addAll(Arrays.asList(problems.value()));
            }
            codes.stream().collect(Collectors.groupingBy(code -> code.status().value())).forEach((status, sameStatus) ->
                    operation.getResponses().addApiResponse(Integer.toString(status), new ApiResponse()
                            .description(sameStatus.stream().map(code -> code.wire() + ": " + code.title()).collect(Collectors.joining("; ")))
                            .content(new Content().addMediaType("application/problem+json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
            return operation;
        };
    }
}
