package dev.seatflow.expiry.delivery;

import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.FirebaseMessaging;
import dev.seatflow.expiry.config.ExpirySettings;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The channels: webhook always; e-mail when Spring's mail sender is configured
 * ({@code spring.mail.host}); push when {@code seatflow.expiry.fcm.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean(destroyMethod = "delete")
    @ConditionalOnProperty(name = "seatflow.expiry.fcm.enabled", havingValue = "true")
    FirebaseApp expiryFirebaseApp(ExpirySettings settings) {
        return FirebaseMessagingFactory.app(settings.fcm().projectId(), settings.fcm().endpoint(), settings.webhook().timeout());
    }

    /** One pooled client for all webhook sends, as many connections as sends may run at once. */
    @Bean(destroyMethod = "close")
    WebhookHttpClient webhookHttpClient(ExpirySettings settings) throws NoSuchAlgorithmException {
        return new WebhookHttpClient(settings.webhook().timeout(), settings.delivery().concurrency(), SSLContext.getDefault());
    }

    @Bean
    DeliveryChannels deliveryChannels(ExpirySettings settings, WebhookTargetPolicy webhooks, WebhookHttpClient webhookHttp,
                                      ObjectProvider<JavaMailSender> mail, ObjectProvider<FirebaseApp> firebase) {
        List<ExpiryChannel> channels = new ArrayList<>();
        channels.add(new WebhookChannel(webhooks, webhookHttp));
        if (!webhooks.allowList().isEmpty()) {
            log.warn("webhooks may reach these internal receivers: hosts {}, address blocks {}", webhooks.allowList().names(),
                    webhooks.allowList().blocks());
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null) {
            channels.add(new EmailChannel(sender, settings.email().from()));
        }
        FirebaseApp app = firebase.getIfAvailable();
        if (app != null) {
            channels.add(new PushChannel(FirebaseMessaging.getInstance(app)));
        }
        DeliveryChannels enabled = new DeliveryChannels(channels);
        log.info("expiry warning channels enabled: {}", enabled.names());
        return enabled;
    }
}
