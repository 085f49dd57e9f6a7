package dev.seatflow.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * W3C trace context for every API request. With tracing on, it is the context of the HTTP server
 * span Micrometer Tracing opened (which continued the caller's {@code traceparent}); without, the
 * caller's trace is continued with a new span id, or a trace is started. It travels in the Reactor
 * context to the command publisher, which puts it in the Kafka record's headers; the processor's
 * decision span continues it and the audit and mirror writes continue that, so one trace joins the
 * HTTP request, the decision and its effects. The response carries it back.
 */
@Component
public class TraceContextFilter implements WebFilter, Ordered {

    public static final String HEADER = "traceparent";
    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceparent = serverSpan(exchange).orElseGet(() -> continueOrStart(exchange.getRequest().getHeaders().getFirst(HEADER)));
        exchange.getResponse().getHeaders().set(HEADER, traceparent);
        return chain.filter(exchange).contextWrite(context -> context.put(HEADER, traceparent));
    }

    /** The traceparent of the request's server span, when tracing is on. */
    private static Optional<String> serverSpan(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .filter(context -> context.traceId() != null && context.traceId().length() == 32 && !context.traceId().equals("0".repeat(32)))
                .map(context -> "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
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
