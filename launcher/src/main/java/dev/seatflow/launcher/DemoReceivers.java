package dev.seatflow.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local stand-ins for a tenant's expiry warning receivers, so a demo shows the warner at work: a
 * webhook endpoint and an SMTP server that log what they receive.
 */
final class DemoReceivers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoReceivers.class);

    private final HttpServer webhooks;
    private final GreenMail smtp;
    private final ScheduledExecutorService mailLog = Executors.newSingleThreadScheduledExecutor();
    private int mailsLogged;

    private DemoReceivers(HttpServer webhooks, GreenMail smtp) {
        this.webhooks = webhooks;
        this.smtp = smtp;
        mailLog.scheduleWithFixedDelay(this::logNewMail, 2, 2, TimeUnit.SECONDS);
    }

    static DemoReceivers start(int webhookPort, int smtpPort) {
        try {
            HttpServer webhooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), webhookPort), 0);
            webhooks.createContext("/webhooks", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    log.info("demo webhook received {} (Seatflow-Signature: {}): {}", exchange.getRequestURI(),
                            exchange.getRequestHeaders().getFirst("Seatflow-Signature"), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            webhooks.start();
            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            log.info("demo receivers: webhooks at http://127.0.0.1:{}/webhooks, SMTP at 127.0.0.1:{}", webhookPort, smtpPort);
            return new DemoReceivers(webhooks, smtp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo receivers", e);
        }
    }

    private synchronized void logNewMail() {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = mailsLogged; i < received.length; i++) {
            try {
                log.info("demo mail received for {}: {}", String.join(", ", java.util.Arrays.stream(received[i].getAllRecipients())
                        .map(Object::toString).toList()), received[i].getSubject());
            } catch (MessagingException e) {
                log.warn("demo mail {} unreadable: {}", i, e.getMessage());
            }
        }
        mailsLogged = received.length;
    }

    @Override
    public void close() {
        mailLog.shutdownNow();
        webhooks.stop(0);
        smtp.stop();
    }
}
