package dev.seatflow.expiry.delivery;

import dev.seatflow.expiry.webhook.WebhookTarget;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of webhook deliveries (Apache HttpClient 5, pooled). Each POST goes to the
 * address its host was checked with: the route's {@link HttpHost} carries that address, so HttpClient
 * connects to it without a DNS lookup, while the Host header, TLS SNI and the certificate's host name
 * check use the URL's host. The address is part of the route, which is the pool's key: a pooled
 * connection is reused only for the same name at the same checked address, never after the name
 * moved elsewhere.
 */
final class WebhookHttpClient implements AutoCloseable {

    private final CloseableHttpClient http;
    private final Duration timeout;
    // Cancels exchanges that outlive the timeout: HttpClient's own timeouts bound each connect and read, not their sum.
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param timeout the whole of one delivery: waiting for a pooled connection, connect, TLS and answer
     * @param maxConnections connections open at once, all receivers together (and to one receiver)
     */
    WebhookHttpClient(Duration timeout, int maxConnections, SSLContext tls) {
        this.timeout = timeout;
        Timeout limit = Timeout.of(timeout);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new NoDnsLookups())
                // BOTH: the JDK checks the name during the handshake, HttpClient's verifier again after it.
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls)
                        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH).buildClassic())
                .setMaxConnTotal(maxConnections)
                // Sends are already limited per tenant; several tenants may share one receiver host.
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        .setTimeToLive(TimeValue.ofMinutes(1))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        // No redirects (the signed body goes only to the configured URL), no retries (a retried POST may be a
        // second delivery; the scanner retries with backoff), no cookies or auth shared between tenants, no system proxy.
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictExpiredConnections()
                .build();
    }

    /**
     * @param headers request headers besides Host, Content-Length and Connection
     * @return the answer's status code (the body is not read)
     * @throws IOException when the receiver is not reached, answers no HTTP, or takes longer than the timeout in all
     */
    int post(WebhookTarget target, Map<String, String> headers, byte[] body) throws IOException {
        // Every address was checked; the first is the one the JDK would also have tried first.
        HttpHost pinned = new HttpHost(target.uri().getScheme(), target.addresses().get(0), target.host(), target.port());
        HttpPost post = new HttpPost(target.uri());
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = http.executeOpen(pinned, post, null)) {
            // Closing without reading the body discards the connection instead of draining what the receiver sends.
            return response.getCode();
        } catch (IOException e) {
            if (post.isCancelled()) {
                throw new SocketTimeoutException("no answer within the webhook timeout of " + timeout);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.GRACEFUL);
    }
}
