package dev.seatflow.expiry.channels;

import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules channel settings must follow before they are stored. */
public final class ChannelSettingsValidator {

    public static final int MAX_RECIPIENTS = 10;
    public static final int MAX_THRESHOLDS = 10;
    public static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_SECRET_LENGTH = 256;
    private static final int MAX_URL_LENGTH = 2048;
    // Deliberately simple: one @, no spaces, a dot in the domain; the SMTP server has the last word.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>,;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    // The characters FCM accepts in a topic name; the length is FcmTopics' (the tenant's namespace comes first).
    private static final Pattern FCM_TOPIC = Pattern.compile("[a-zA-Z0-9\\-_.~%]+");

    private ChannelSettingsValidator() {
    }

    /**
     * @param webhooks which webhook receivers may be called (resolves the webhook host: blocking)
     * @return the problems found, empty when the settings are valid
     */
    public static List<String> problems(ChannelSettings settings, WebhookTargetPolicy webhooks) {
        List<String> problems = new ArrayList<>();
        if (settings.tenantId() == null || settings.tenantId().isBlank() || settings.tenantId().length() > 255) {
            problems.add("tenant_id must be 1 to 255 characters");
        }
        checkThresholds(settings.thresholds(), problems);
        checkWebhook(settings.webhookUrl(), settings.webhookSecret(), webhooks, problems);
        checkRecipients(settings.emailRecipients(), problems);
        int maxTopic = FcmTopics.maxTopicLength(settings.tenantId() == null ? "" : settings.tenantId());
        if (settings.fcmTopic() != null && (!FCM_TOPIC.matcher(settings.fcmTopic()).matches() || settings.fcmTopic().length() > maxTopic)) {
            problems.add("fcm_topic must be 1 to " + maxTopic + " of the characters a-z A-Z 0-9 - _ . ~ % (FCM's limit less the tenant's "
                    + "namespace: apps subscribe to " + FcmTopics.forTenant(settings.tenantId() == null ? "" : settings.tenantId(), "<fcm_topic>") + ")");
        }
        return problems;
    }

    /** @throws InvalidChannelSettingsException when the settings break a rule */
    public static void validate(ChannelSettings settings, WebhookTargetPolicy webhooks) {
        List<String> problems = problems(settings, webhooks);
        if (!problems.isEmpty()) {
            throw new InvalidChannelSettingsException(problems);
        }
    }

    /** Whether the warner may call this URL; also checked at send time, for rows written by hand. */
    public static boolean acceptableWebhookUrl(String url, boolean allowInsecure) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null && uri.getFragment() == null
                    && (scheme.equals("https") || (allowInsecure && scheme.equals("http")));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkThresholds(List<Duration> thresholds, List<String> problems) {
        if (thresholds.size() > MAX_THRESHOLDS) {
            problems.add("at most " + MAX_THRESHOLDS + " thresholds");
        }
        if (thresholds.stream().anyMatch(t -> t == null || t.isNegative() || t.compareTo(Thresholds.MAX) > 0)) {
            problems.add("thresholds must lie between PT0S and P365D");
        } else if (thresholds.stream().map(Thresholds::format).distinct().count() != thresholds.size()) {
            problems.add("thresholds must not repeat");
        }
    }

    private static void checkWebhook(String url, String secret, WebhookTargetPolicy webhooks, List<String> problems) {
        if (url == null && secret == null) {
            return;
        }
        if (url == null || secret == null) {
            problems.add("webhook_url and webhook_secret go together");
            return;
        }
        if (url.length() > MAX_URL_LENGTH || !acceptableWebhookUrl(url, webhooks.allowInsecure())) {
            problems.add(webhooks.allowInsecure() ? "webhook_url must be an absolute http(s) URL without credentials"
                    : "webhook_url must be an absolute https URL without credentials");
        } else {
            // Server-side request forgery: a tenant must not make the warner call into our own network.
            webhooks.problemAtSave(URI.create(url)).ifPresent(why -> problems.add("webhook_url must point to a public host: " + why));
        }
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH || secret.isBlank()) {
            problems.add("webhook_secret must be " + MIN_SECRET_LENGTH + " to " + MAX_SECRET_LENGTH + " characters");
        }
    }

    private static String shortened(String text) {
        return text == null || text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private static void checkRecipients(List<String> recipients, List<String> problems) {
        if (recipients.size() > MAX_RECIPIENTS) {
            problems.add("at most " + MAX_RECIPIENTS + " email_recipients");
        }
        for (String address : recipients) {
            if (address == null || address.length() > 254 || !EMAIL.matcher(address).matches()) {
                problems.add("'" + shortened(address) + "' is not an e-mail address");
            }
        }
        if (new HashSet<>(recipients).size() != recipients.size()) {
            problems.add("email_recipients must not repeat");
        }
    }
}
