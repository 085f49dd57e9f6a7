package dev.seatflow.processor.topology;

import dev.seatflow.schemas.command.SeatCommand;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/** Tenant, command and trace ids in the log context (they appear in the JSON logs) while a command is decided. */
final class LogContext implements AutoCloseable {

    private LogContext() {
    }

    static LogContext of(Headers headers, SeatCommand command) {
        MDC.put("tenant_id", command.getTenantId());
        MDC.put("command_id", command.getCommandId().toString());
        Header traceparent = headers.lastHeader("traceparent");
        if (traceparent != null) {
            String value = new String(traceparent.value(), StandardCharsets.US_ASCII);
            // traceparent = version-traceid-spanid-flags
            MDC.put("trace_id", value.length() >= 35 ? value.substring(3, 35) : value);
        }
        return new LogContext();
    }

    @Override
    public void close() {
        MDC.remove("tenant_id");
        MDC.remove("command_id");
        MDC.remove("trace_id");
    }
}
