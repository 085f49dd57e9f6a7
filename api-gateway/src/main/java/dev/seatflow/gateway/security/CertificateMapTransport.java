package dev.seatflow.gateway.security;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.util.StreamingContent;
import dev.seatflow.signing.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP transport for firebase-admin that answers every request with the local issuer's
 * certificate map, in place of Google's: verification then runs fully offline, against real
 * signatures. The one other request firebase-admin makes here, the user lookup of a revocation
 * check ({@code accounts:lookup}), is answered with a user whose tokens are all valid: the local
 * issuer revokes nothing, and owners' and admins' requests take the same path as in production.
 */
final class CertificateMapTransport extends HttpTransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] body;

    CertificateMapTransport(Map<String, String> certificates) {
        this.body = CanonicalJson.canonicalBytes(certificates);
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        boolean userLookup = url.contains("/accounts:lookup");
        return new LowLevelHttpRequest() {
            @Override
            public void addHeader(String name, String value) {
                // request headers do not matter to a fixed answer
            }

            @Override
            public LowLevelHttpResponse execute() throws IOException {
                return new CertificateMapResponse(userLookup ? neverRevoked(getStreamingContent()) : body);
            }
        };
    }

    /** The looked-up user ({@code {"localId":["<uid>"]}}), valid since the epoch and enabled. */
    private static byte[] neverRevoked(StreamingContent request) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        request.writeTo(content);
        String uid = JSON.readTree(content.toByteArray()).path("localId").path(0).asString();
        return CanonicalJson.canonicalBytes(Map.of("users", List.of(Map.of("localId", uid, "validSince", "0", "disabled", false))));
    }

    private static final class CertificateMapResponse extends LowLevelHttpResponse {
        private static final List<String> HEADER_NAMES = List.of("Content-Type", "Cache-Control");
        private static final List<String> HEADER_VALUES = List.of("application/json; charset=UTF-8", "public, max-age=3600");
        private final byte[] body;

        CertificateMapResponse(byte[] body) {
            this.body = body;
        }

        @Override
        public InputStream getContent() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public String getContentEncoding() {
            return null;
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public String getContentType() {
            return HEADER_VALUES.get(0);
        }

        @Override
        public String getStatusLine() {
            return "HTTP/1.1 200 OK";
        }

        @Override
        public int getStatusCode() {
            return 200;
        }

        @Override
        public String getReasonPhrase() {
            return "OK";
        }

        @Override
        public int getHeaderCount() {
            return HEADER_NAMES.size();
        }

        @Override
        public String getHeaderName(int index) {
            return HEADER_NAMES.get(index);
        }

        @Override
        public String getHeaderValue(int index) {
            return HEADER_VALUES.get(index);
        }
    }
}
