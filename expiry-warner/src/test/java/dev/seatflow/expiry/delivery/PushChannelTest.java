package dev.seatflow.expiry.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** firebase-admin itself sends, through a transport routed to a local FCM stand-in. */
class PushChannelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private HttpServer fcm;
    private FirebaseApp app;

    @BeforeEach
    void startLocalFcm() throws IOException {
        fcm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fcm.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            received.add(JSON.readValue(exchange.getRequestBody().readAllBytes(), new TypeReference<Map<String, Object>>() { }));
            byte[] answer = (status == 200 ? "{\"name\":\"projects/demo-seatflow/messages/42\"}"
                    : "{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\","
                    + "\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"UNREGISTERED\"}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fcm.start();
        app = FirebaseMessagingFactory.app("demo-seatflow", "http://127.0.0.1:" + fcm.getAddress().getPort(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        app.delete();
        fcm.stop(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sendsTheMessageToTheTenantTopicThroughFcmsHttpV1Api() throws Exception {
        new PushChannel(FirebaseMessaging.getInstance(app)).send(PushMessagesTest.warning(Duration.ofDays(1)));

        assertThat(paths).containsExactly("/v1/projects/demo-seatflow/messages:send Bearer local-fcm");
        Map<String, Object> message = (Map<String, Object>) received.get(0).get("message");
        assertThat(message).containsEntry("topic", "t.acme.acme-admins");
        assertThat((Map<String, Object>) message.get("notification")).containsEntry("title", "License expiring")
                .containsEntry("body", "A license expires within 1 day (2027-01-31 00:00 UTC).");
        assertThat((Map<String, Object>) message.get("data")).containsEntry("threshold", "P1D")
                .containsEntry("id", "00000000-0000-0000-0000-000000000001");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noTenantReachesAnotherTenantsSubscribers() throws Exception {
        PushChannel push = new PushChannel(FirebaseMessaging.getInstance(app));
        push.send(PushMessagesTest.warning("acme", "licenses", Duration.ofDays(1)));
        // The same topic name set by another tenant, and that tenant naming acme's namespaced topic outright.
        push.send(PushMessagesTest.warning("globex", "licenses", Duration.ofDays(1)));
        push.send(PushMessagesTest.warning("globex", "t.acme.licenses", Duration.ofDays(1)));

        assertThat(received).extracting(body -> ((Map<String, Object>) body.get("message")).get("topic"))
                .containsExactly("t.acme.licenses", "t.globex.licenses", "t.globex.t.acme.licenses");
    }

    @Test
    void anFcmErrorIsAFailedDelivery() {
        status = 404;
        assertThatThrownBy(() -> new PushChannel(FirebaseMessaging.getInstance(app)).send(PushMessagesTest.warning(Duration.ZERO)))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("UNREGISTERED");
    }
}
