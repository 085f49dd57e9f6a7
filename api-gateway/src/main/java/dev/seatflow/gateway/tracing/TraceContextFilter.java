package dev.seatflow.gateway.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * W3C trace context for every API request: the caller's {@code traceparent} is continued (a new
 * span id, same trace id) or a trace is started. It travels in the Reactor context to the command
 * publisher, which puts it in the Kafka record's headers; the processor copies it to the decision
 * and events, so one trace id joins the HTTP request, the decision and the audit and mirror writes.
 * The response carries it back.
 */
@Component
public class TraceContextFilter implements WebFilter, Ordered {

    public static final String HEADER = "traceparent";
    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceparent = continueOrStart(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getResponse().getHeaders().set(HEADER, traceparent);
        return chain.filter(exchange).contextWrite(context -> context.put(HEADER, traceparent));
    }

    static String continueOrStart(String incoming) {
        var match = incoming == null ? null : VALID.matcher(incoming);
        String traceId = match != null && match.matches() && !match.group(1).equals("0".repeat(32)) ? match.group(1) : hex(16);
        String flags = match != null && match.matches() ? match.group(2) : "01";
        return "00-" + traceId + "-" + hex(8) + "-" + flags;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
