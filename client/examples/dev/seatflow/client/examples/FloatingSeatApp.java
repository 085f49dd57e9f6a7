package dev.seatflow.client.examples;

import dev.seatflow.client.Seat;
import dev.seatflow.client.SeatflowClient;
import dev.seatflow.client.SeatflowException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;

/**
 * A desktop app's seat handling in a few lines: take a seat, enable what its verified license
 * allows, follow its state, give it back on exit. Against {@code ./seatflow} (development token
 * issuer on):
 *
 * <pre>
 * ./mvnw -q -pl client -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.seatflow.client.examples.FloatingSeatApp -Dexec.args="http://127.0.0.1:8080/ acme $KEY"
 * </pre>
 */
public final class FloatingSeatApp {

    private FloatingSeatApp() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        String tenant = args[1];
        String licenseKey = args[2];
        // In a real app this is the signed-in user's Firebase ID token (getIdToken()); here the development issuer's.
        SeatflowClient client = SeatflowClient.builder(server).tokens(() -> devToken(server, tenant, "alice")).build();
        CountDownLatch gone = new CountDownLatch(1);
        try (Seat seat = client.acquire(licenseKey, machineId(), (s, state, reason) -> {
            System.out.println("seat " + s.id() + " is " + state + (reason == null ? "" : " (" + reason + ")"));
            if (state.name().equals("LOST") || state.name().equals("EXPIRED")) {
                gone.countDown();
            }
        })) {
            System.out.println("licensed: " + seat.license().tier() + " " + seat.license().features() + " until " + seat.license().expiryDate());
            Runtime.getRuntime().addShutdownHook(new Thread(seat::close));
            gone.await();
        } catch (SeatflowException refused) {
            System.out.println("no seat: " + refused.code());
        } finally {
            client.close();
        }
    }

    private static String machineId() {
        return System.getProperty("user.name") + "@" + System.getenv().getOrDefault("HOSTNAME", "this-machine");
    }

    private static String devToken(URI server, String tenant, String user) {
        try {
            String body = "{\"tenant_id\":\"" + tenant + "\",\"user_id\":\"" + user + "\",\"role\":\"member\"}";
            String answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.resolve("dev/tokens"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return answer.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        } catch (Exception e) {
            throw new IllegalStateException("cannot get a development token from " + server, e);
        }
    }
}
