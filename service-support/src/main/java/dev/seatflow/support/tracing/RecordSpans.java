package dev.seatflow.support.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Spans of a batch consumer: one per record that carries a trace context, a child of it, open
 * while the batch that holds the record is written. So the trace of a request ends with the audit
 * insert or Redis write it caused, and shows how long that took.
 */
public final class RecordSpans {

    private static final AttributeKey<String> TOPIC = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");

    private final Tracer tracer;
    private final String name;

    public RecordSpans(Tracer tracer, String name) {
        this.tracer = tracer;
        this.name = name;
    }

    /** Runs the work that stores {@code records} inside their spans; they are marked failed if it throws. */
    public void around(Iterable<? extends ConsumerRecord<?, ?>> records, Runnable work) {
        Batch batch = start(records);
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            batch.end(failure);
        }
    }

    private Batch start(Iterable<? extends ConsumerRecord<?, ?>> records) {
        List<Span> spans = new ArrayList<>();
        for (ConsumerRecord<?, ?> record : records) {
            Context parent = TraceHeaders.extract(record.headers());
            if (Span.fromContext(parent).getSpanContext().isValid()) {
                spans.add(tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                        .setAttribute("messaging.system", "kafka").setAttribute(TOPIC, record.topic())
                        .setAttribute(PARTITION, (long) record.partition()).setAttribute(OFFSET, record.offset())
                        .startSpan());
            }
        }
        return new Batch(spans);
    }

    /** The open spans of one batch. */
    private static final class Batch {
        private final List<Span> spans;

        private Batch(List<Span> spans) {
            this.spans = spans;
        }

        /** Ends every span, marked failed if the batch was not written (it will be retried: a later batch gets new spans). */
        void end(Throwable error) {
            for (Span span : spans) {
                if (error != null) {
                    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                }
                span.end();
            }
        }
    }
}
