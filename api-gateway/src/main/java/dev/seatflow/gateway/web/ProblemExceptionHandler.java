package dev.seatflow.gateway.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place errors become HTTP answers: every failure, from a handler, a filter or the
 * framework (unknown route, bad JSON, failed validation), is answered as problem+json with a
 * stable code. Unexpected errors are logged here and answered without internals.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    public ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            // A streamed answer failed midway (an export whose client stopped reading, say): the status is
            // sent, nothing can be said any more, and the connection is closed so the body reads as cut off.
            // A stall is the client's doing and logged where it is detected; anything else keeps its stack trace.
            boolean expected = error instanceof ApiException || error instanceof java.util.concurrent.TimeoutException;
            log.warn("{} {} failed after its answer had started: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error.toString(), expected ? null : error);
            return Mono.error(error);
        }
        return writer.write(exchange, translate(exchange, error));
    }

    private static ApiException translate(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof WebExchangeBindException invalid) {
            List<Map<String, String>> fields = invalid.getFieldErrors().stream()
                    .map(field -> Map.of("field", snakeCase(field.getField()), "message", String.valueOf(field.getDefaultMessage())))
                    .toList();
            return new ApiException(ErrorCode.INVALID_REQUEST, "the request body fails validation").with("errors", fields);
        }
        if (error instanceof ServerWebInputException input) {
            return new ApiException(ErrorCode.INVALID_REQUEST, inputProblem(input));
        }
        if (error instanceof ResponseStatusException status) {
            return switch (HttpStatus.valueOf(status.getStatusCode().value())) {
                case NOT_FOUND -> new ApiException(ErrorCode.NOT_FOUND, "no such resource: " + exchange.getRequest().getPath());
                case METHOD_NOT_ALLOWED -> new ApiException(ErrorCode.METHOD_NOT_ALLOWED, status.getReason() == null ? "method not allowed" : status.getReason());
                case UNSUPPORTED_MEDIA_TYPE -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
                case PAYLOAD_TOO_LARGE, CONTENT_TOO_LARGE -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large");
                default -> status.getStatusCode().is4xxClientError()
                        ? new ApiException(ErrorCode.INVALID_REQUEST, String.valueOf(status.getReason()))
                        : unexpected(exchange, error);
            };
        }
        return unexpected(exchange, error);
    }

    /** Field names as the client wrote them: the API's JSON is snake_case. */
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Says what is wrong with the body in the client's terms, without naming our classes. */
    private static String inputProblem(ServerWebInputException input) {
        Throwable cause = input.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = mismatch.getPath().stream().map(reference -> reference.getPropertyName() != null
                    ? reference.getPropertyName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
            return field.isEmpty() ? "the body has the wrong shape" : "field '" + field + "' is missing or has the wrong type";
        }
        if (cause instanceof StreamReadException) {
            return "the body is not valid JSON";
        }
        if (cause instanceof IllegalArgumentException) {
            // Its message comes from a library (a UUID or enum parser naming our classes): not for the client.
            return "a value in the request is not valid";
        }
        return input.getReason() == null ? "unreadable request" : input.getReason();
    }

    private static ApiException unexpected(ServerWebExchange exchange, Throwable error) {
        log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return new ApiException(ErrorCode.INTERNAL_ERROR, "unexpected error; it has been logged");
    }
}
