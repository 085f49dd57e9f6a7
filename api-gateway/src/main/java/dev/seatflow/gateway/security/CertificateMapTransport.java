package dev.seatflow.gateway.security;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import dev.seatflow.signing.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * An HTTP transport for firebase-admin that answers every request with the local issuer's
 * certificate map, in place of Google's: verification then runs fully offline, against real
 * signatures.
 */
final class CertificateMapTransport extends HttpTransport {

    private final byte[] body;

    CertificateMapTransport(Map<String, String> certificates) {
        this.body = CanonicalJson.canonicalBytes(certificates);
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new LowLevelHttpRequest() {
            @Override
            public void addHeader(String name, String value) {
                // request headers do not matter to a fixed answer
            }

            @Override
            public LowLevelHttpResponse execute() {
                return new CertificateMapResponse(body);
            }
        };
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
