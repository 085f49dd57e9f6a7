package dev.seatflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void tracingIsOffUnlessAskedFor() {
        assertThat(LocalPlatform.tracingArguments(LaunchOptions.parse())).isEmpty();
    }

    @Test
    void traceLogAndOtlpEndpointTurnOnSpanExportWithEveryRequestSampled() {
        LaunchOptions options = LaunchOptions.parse("--trace-log", "--otlp-endpoint=http://127.0.0.1:4318/v1/traces");

        assertThat(LocalPlatform.tracingArguments(options)).containsExactly(
                "--seatflow.tracing.log-spans=true",
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces",
                "--management.tracing.sampling.probability=1.0");
    }

    @Test
    void refusesAnOtlpEndpointThatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> LaunchOptions.parse("--otlp-endpoint=collector:4317"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--otlp-endpoint must be an http(s) URL, got collector:4317");
    }

    @Test
    void refusesUnknownOptions() {
        assertThatThrownBy(() -> LaunchOptions.parse("--trace-logs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --trace-logs");
    }
}
