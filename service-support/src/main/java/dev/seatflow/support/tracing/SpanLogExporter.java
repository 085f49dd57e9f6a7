package dev.seatflow.support.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every finished span as one structured log line (logger {@code seatflow.spans}): traces
 * to look at without a tracing backend, e.g. under the local launcher.
 */
public final class SpanLogExporter implements SpanExporter {

    public static final String LOGGER = "seatflow.spans";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        for (SpanData span : spans) {
            double millis = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6;
            log.atInfo()
                    .addKeyValue("trace_id", span.getTraceId())
                    .addKeyValue("span_id", span.getSpanId())
                    .addKeyValue("parent_span_id", span.getParentSpanContext().isValid() ? span.getParentSpanId() : "")
                    .addKeyValue("span_name", span.getName())
                    .addKeyValue("span_kind", span.getKind().name())
                    .addKeyValue("duration_ms", Math.round(millis * 1000) / 1000.0)
                    .addKeyValue("status", span.getStatus().getStatusCode().name())
                    .log("span {} {} {} ms (trace {}, parent {})", span.getName(), span.getSpanId(), String.format(java.util.Locale.ROOT, "%.3f", millis),
                            span.getTraceId(), span.getParentSpanContext().isValid() ? span.getParentSpanId() : "none");
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public void close() {
        shutdown().join(1, TimeUnit.SECONDS);
    }
}
