package dev.seatflow.expiry.webhook;

import dev.seatflow.support.net.IpLiterals;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which webhook receivers Seatflow calls: the tenant's URL is checked when the settings are saved
 * and again before every delivery, since DNS may answer differently later. Every address the host
 * resolves to must be public (or in the operator's allow-list): a name with one public and one
 * internal address would otherwise reach the internal one on some attempts.
 *
 * @param allowInsecure accept http:// URLs (local development and tests)
 */
public record WebhookTargetPolicy(boolean allowInsecure, WebhookAllowList allowList, HostResolver resolver) {

    /** Production defaults: https only, nothing internal, system DNS. */
    public static WebhookTargetPolicy strict() {
        return new WebhookTargetPolicy(false, WebhookAllowList.NONE, HostResolver.system());
    }

    /** The policy of a service's settings (allow-insecure flag and allow-list entries), with system DNS. */
    public static WebhookTargetPolicy of(boolean allowInsecure, List<String> allowedHosts) {
        return new WebhookTargetPolicy(allowInsecure, WebhookAllowList.parse(allowedHosts), HostResolver.system());
    }

    /**
     * Resolves the URL's host once and checks every address.
     *
     * @throws RefusedWebhookTargetException when the host is internal, or has no address
     */
    public WebhookTarget check(URI uri) throws RefusedWebhookTargetException {
        String host = BlockedAddresses.normalizedName(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        boolean nameAllowed = allowList.allowsName(host);
        Optional<String> nameReason = nameAllowed ? Optional.empty() : BlockedAddresses.nameReason(host);
        if (nameReason.isPresent() && allowList.blocks().isEmpty()) {
            throw new RefusedWebhookTargetException("host " + host + " is " + nameReason.get());
        }
        List<InetAddress> addresses;
        try {
            // An address literal is its own answer: no DNS to ask, nothing to rebind.
            addresses = IpLiterals.isLiteral(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        if (addresses.isEmpty()) {
            if (nameReason.isPresent()) {
                throw new RefusedWebhookTargetException("host " + host + " is " + nameReason.get());
            }
            throw RefusedWebhookTargetException.unresolvable(host);
        }
        if (nameAllowed) {
            return new WebhookTarget(uri, host, port, addresses);
        }
        // An internal name passes only when every address it has is explicitly allowed (localhost with 127.0.0.0/8 and ::1).
        if (nameReason.isPresent() && !addresses.stream().allMatch(allowList::allows)) {
            throw new RefusedWebhookTargetException("host " + host + " is " + nameReason.get());
        }
        List<String> refused = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (!allowList.allows(address)) {
                BlockedAddresses.reason(address).ifPresent(why -> refused.add(address.getHostAddress() + ", " + why));
            }
        }
        if (!refused.isEmpty()) {
            throw new RefusedWebhookTargetException("host " + host + " resolves to " + String.join("; ", refused));
        }
        return new WebhookTarget(uri, host, port, addresses);
    }

    /**
     * The save-time check: why the URL's host must not be saved, empty when it may. A name that
     * does not resolve (yet) is accepted: DNS may be set up after the settings, and every delivery
     * checks again.
     */
    public Optional<String> problemAtSave(URI uri) {
        try {
            check(uri);
            return Optional.empty();
        } catch (RefusedWebhookTargetException e) {
            return e.unresolvable() ? Optional.empty() : Optional.of(e.getMessage());
        }
    }
}
