package dev.seatflow.processor.topology;

import dev.seatflow.schemas.command.SeatCommand;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/** Tenant, command, trace and span ids in the log context (they appear in the JSON logs) while a command is decided. */
final class LogContext implements AutoCloseable {

    private LogContext() {
    }

    static LogContext of(SpanContext span, SeatCommand command) {
        MDC.put("tenant_id", command.getTenantId());
        MDC.put("command_id", command.getCommandId().toString());
        if (span.isValid()) {
            MDC.put("trace_id", span.getTraceId());
            MDC.put("span_id", span.getSpanId());
        }
        return new LogContext();
    }

    @Override
    public void close() {
        MDC.remove("tenant_id");
        MDC.remove("command_id");
        MDC.remove("trace_id");
        MDC.remove("span_id");
    }
}
