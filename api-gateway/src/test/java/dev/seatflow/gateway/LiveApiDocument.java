package dev.seatflow.gateway;

import dev.seatflow.testkit.TestServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the OpenAPI document of a running gateway (on the test kit's services) to a file: the
 * contract tests generate their client from what a gateway really serves, not from a copy.
 * Usage: {@code LiveApiDocument <output file>}.
 */
public final class LiveApiDocument {

    private LiveApiDocument() {
    }

    public static void main(String[] args) {
        // Kafka clients and Netty leave non-daemon threads behind: end the JVM either way, with a status the build sees.
        try {
            if (args.length != 1) {
                throw new IllegalArgumentException("usage: LiveApiDocument <output file>");
            }
            write(Path.of(args[0]));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void write(Path target) throws IOException, InterruptedException {
        try (TestServices services = TestServices.standalone(); GatewayPlatform platform = GatewayPlatform.start(services)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(platform.baseUrl() + "v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, response.body());
        }
    }
}
