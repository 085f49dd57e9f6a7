package dev.seatflow.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.beans.factory.ObjectProvider;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers: the gateway
 * writes it on each command, the processor continues it and writes its own span's context on every
 * output, and the sinks continue that.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
        }
    };

    private TraceHeaders() {
    }

    /** The trace context the record carries (an invalid span context if none or malformed). */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** A copy of {@code headers} whose trace context is {@code span}'s (none if the span is invalid). */
    public static Headers with(Headers headers, Span span) {
        RecordHeaders copy = new RecordHeaders(headers.toArray());
        copy.remove(TRACEPARENT);
        copy.remove(TRACESTATE);
        W3C.inject(Context.root().with(span), copy, (carrier, key, value) ->
                carrier.add(key, value.getBytes(StandardCharsets.US_ASCII)));
        return copy;
    }

    /** The application's OpenTelemetry tracer, or a no-op one (which still carries a record's context through). */
    public static Tracer tracer(ObjectProvider<Tracer> tracers) {
        return tracers.getIfAvailable(TraceHeaders::noopTracer);
    }

    public static Tracer noopTracer() {
        return OpenTelemetry.noop().getTracer("seatflow");
    }
}
