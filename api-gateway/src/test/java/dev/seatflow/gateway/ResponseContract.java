package dev.seatflow.gateway;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks every answer the gateway tests get against the OpenAPI document the gateway serves, so the
 * document cannot drift from the wire: a status, content type or body it does not describe fails
 * the test that received it. Only answers are judged (tests send bad requests on purpose), and only
 * on paths the document covers ({@code /api/**}, {@code /dev/**}). The document is read once per
 * test JVM, from the first gateway asked.
 */
final class ResponseContract {

    private static volatile OpenApiInteractionValidator validator;

    private ResponseContract() {
    }

    static ExchangeFilterFunction filter(String baseUrl) {
        return (request, next) -> next.exchange(request).flatMap(response ->
                DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return bytes;
                        })
                        .defaultIfEmpty(new byte[0])
                        .map(body -> {
                            check(validator(baseUrl), request, response, body);
                            return response.mutate().body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))).build();
                        }));
    }

    private static void check(OpenApiInteractionValidator validator, ClientRequest request, ClientResponse response, byte[] body) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode().value());
        response.headers().contentType().ifPresent(type -> answer.withContentType(type.toString()));
        boolean text = response.headers().contentType()
                .map(type -> !type.getSubtype().equals("json") && !type.getSubtype().endsWith("+json")).orElse(false);
        if (body.length == 0 && text) {
            return;   // an export of no rows: an empty stream, which the validator takes for a missing body
        }
        if (body.length > 0) {
            answer.withBody(new String(body, StandardCharsets.UTF_8));
        }
        ValidationReport report = validator.validateResponse(request.url().getRawPath(),
                Request.Method.valueOf(request.method().name()), answer.build());
        if (report.hasErrors()) {
            throw new AssertionError("the answer to " + request.method() + " " + request.url() + " (" + response.statusCode()
                    + ") is not what the OpenAPI document describes:\n" + report + "\nbody: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    private static OpenApiInteractionValidator validator(String baseUrl) {
        if (validator == null) {
            synchronized (ResponseContract.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator.createForInlineApiSpecification(document(baseUrl))
                            // Errors are the Problem schema narrowed by allOf: judged as one merged schema, or the
                            // validator's closed objects would refuse each part for the other part's members.
                            .withResolveCombinators(true)
                            .withLevelResolver(LevelResolver.create()
                                    // Requests are the tests' business; a path outside the document (health, metrics) is not judged.
                                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                }
            }
        }
        return validator;
    }

    private static String document(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
