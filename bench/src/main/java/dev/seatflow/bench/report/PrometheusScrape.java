package dev.seatflow.bench.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a service's {@code /prometheus} text from its management port; a service that does not
 * answer, or whose management URL is unknown, is simply not measured.
 */
final class PrometheusScrape {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The exposition at {@code managementUrl/prometheus}, empty when it cannot be read. */
    Optional<String> text(String managementUrl) {
        if (managementUrl == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create(managementUrl + "/prometheus")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
