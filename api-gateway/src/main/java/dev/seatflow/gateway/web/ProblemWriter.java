package dev.seatflow.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem+json answers, from handlers and from filters alike. */
@Component
public class ProblemWriter {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiException error) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        response.setStatusCode(error.code().status());
        response.getHeaders().setContentType(PROBLEM_JSON);
        if (error.retryAfter() != null) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, error.retryAfter().toSeconds())));
        }
        byte[] body = json.writeValueAsBytes(body(exchange, error));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static Map<String, Object> body(ServerWebExchange exchange, ApiException error) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://seatflow.dev/problems/" + error.code().wire().replace('_', '-'));
        problem.put("title", error.code().title());
        problem.put("status", error.code().status().value());
        problem.put("detail", error.getMessage());
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.put("code", error.code().wire());
        problem.putAll(error.extra());
        return problem;
    }
}
