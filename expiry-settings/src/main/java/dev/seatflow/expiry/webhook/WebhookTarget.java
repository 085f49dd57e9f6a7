package dev.seatflow.expiry.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A webhook URL with the addresses its host had when it was checked: a delivery connects to these,
 * never to a fresh resolution (which could answer differently: DNS rebinding).
 *
 * @param host the URL's host as written, without IPv6 brackets (Host header, TLS SNI and certificate check)
 * @param addresses every address of the host, each one checked
 */
public record WebhookTarget(URI uri, String host, int port, List<InetAddress> addresses) {

    public WebhookTarget {
        addresses = List.copyOf(addresses);
    }

    public boolean secure() {
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    }
}
