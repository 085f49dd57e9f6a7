package dev.seatflow.bench.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Signatures made and licenses signed by a system, from its {@code seatflow.gateway.signing.batch_size}
 * summary on {@code /prometheus} (both systems sign through the gateway's signer; the baseline one
 * license per signature, as the original design did).
 */
public final class SigningMeter {

    private static final String METRIC = "seatflow_gateway_signing_batch_size";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI prometheus;

    public SigningMeter(String baseUrl) {
        this.prometheus = URI.create(baseUrl + "/prometheus");
    }

    /** Counters at one instant; null when the system does not publish them. */
    public Sample sample() {
        try {
            String text = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Double count = value(text, METRIC + "_count");
            Double sum = value(text, METRIC + "_sum");
            return count == null || sum == null ? null : new Sample(System.nanoTime(), count, sum);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Double value(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    public record Sample(long nanos, double signatures, double licenses) {

        /** Between this sample and a later one; null when either is missing or nothing was signed. */
        public SigningUsage until(Sample later) {
            if (later == null) {
                return null;
            }
            double signatures = later.signatures - this.signatures;
            double licenses = later.licenses - this.licenses;
            double seconds = (later.nanos - nanos) / 1e9;
            return signatures <= 0 ? null : new SigningUsage(Math.round(signatures / seconds * 10) / 10.0,
                    Math.round(licenses / signatures * 10) / 10.0);
        }
    }

    /** @param signaturesPerSecond over the window @param meanBatchSize licenses per signature */
    public record SigningUsage(double signaturesPerSecond, double meanBatchSize) {
    }
}
