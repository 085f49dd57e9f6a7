package dev.seatflow.gateway.security;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * An HTTP transport for firebase-admin that keeps each request's path and query and replaces
 * scheme, host and port with a stand-in's (as the expiry warner does for FCM): the real SDK then
 * fetches certificates and looks users up there instead of at Google.
 */
final class RedirectedTransport {

    private RedirectedTransport() {
    }

    static HttpTransport to(URI endpoint) {
        String prefix = endpoint.getPath() == null || endpoint.getPath().equals("/") ? "" : endpoint.getPath();
        return new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) new URL(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(),
                        prefix + url.getFile()).openConnection())
                .build();
    }
}
