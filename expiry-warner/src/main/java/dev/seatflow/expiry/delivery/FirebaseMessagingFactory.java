package dev.seatflow.expiry.delivery;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * The FirebaseApp push warnings are sent through. In production it talks to Google with the
 * application default credentials. With an endpoint set, every request firebase-admin makes
 * (FCM's {@code /v1/projects/<id>/messages:send}) goes to that base URL instead, with a fixed
 * access token: a local FCM stand-in for development and tests, exercising the real SDK.
 */
public final class FirebaseMessagingFactory {

    private FirebaseMessagingFactory() {
    }

    public static FirebaseApp app(String projectId, String endpoint, Duration timeout) {
        int millis = (int) timeout.toMillis();
        FirebaseOptions.Builder options = FirebaseOptions.builder().setProjectId(projectId)
                .setConnectTimeout(millis).setReadTimeout(millis);
        if (endpoint != null && !endpoint.isBlank()) {
            options.setHttpTransport(redirectedTo(URI.create(endpoint)))
                    .setCredentials(GoogleCredentials.create(new AccessToken("local-fcm", new Date(Long.MAX_VALUE))));
        } else {
            options.setCredentials(applicationDefaultCredentials());
        }
        // A name of its own: several warners may share a JVM (the local launcher, tests).
        return FirebaseApp.initializeApp(options.build(), "seatflow-expiry-" + UUID.randomUUID());
    }

    /** Keeps path and query of each request and replaces scheme, host and port with the endpoint's. */
    static HttpTransport redirectedTo(URI endpoint) {
        String prefix = endpoint.getPath() == null || endpoint.getPath().equals("/") ? "" : endpoint.getPath();
        return new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) new URL(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(),
                        prefix + url.getFile()).openConnection())
                .build();
    }

    private static GoogleCredentials applicationDefaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new UncheckedIOException("no Google application default credentials for Firebase Cloud Messaging "
                    + "(set them up, set seatflow.expiry.fcm.endpoint to a local stand-in, or seatflow.expiry.fcm.enabled=false)", e);
        }
    }
}
