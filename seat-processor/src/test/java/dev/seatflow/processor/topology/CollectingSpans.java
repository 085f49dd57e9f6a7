package dev.seatflow.processor.topology;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/** Keeps every span as it ends. */
record CollectingSpans(List<SpanData> into) implements SpanProcessor {

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        into.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
