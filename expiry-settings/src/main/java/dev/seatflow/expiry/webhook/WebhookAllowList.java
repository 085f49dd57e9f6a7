package dev.seatflow.expiry.webhook;

import dev.seatflow.support.net.Cidr;
import dev.seatflow.support.net.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Webhook receivers an operator allows although they are internal: the one definition of the
 * {@code seatflow.expiry.webhook.allowed-hosts} and {@code seatflow.gateway.allowed-webhook-hosts}
 * settings. Each entry is an address block ({@code 127.0.0.0/8}, {@code ::1/128}), an address
 * ({@code 127.0.0.1}) or a host name ({@code localhost}, matched exactly). Empty by default: every
 * internal receiver is refused.
 *
 * @param names host names allowed whatever they resolve to (lower case)
 * @param blocks address blocks allowed
 */
public record WebhookAllowList(Set<String> names, List<Cidr> blocks) {

    public static final WebhookAllowList NONE = new WebhookAllowList(Set.of(), List.of());

    public WebhookAllowList {
        names = Set.copyOf(names);
        blocks = List.copyOf(blocks);
    }

    /**
     * @param entries the setting's entries; blank ones are ignored (an empty property binds to one)
     * @throws IllegalArgumentException naming the first entry that is neither a block nor a name
     */
    public static WebhookAllowList parse(List<String> entries) {
        if (entries == null) {
            return NONE;
        }
        Set<String> names = new LinkedHashSet<>();
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry == null ? "" : entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String literal = trimmed.startsWith("[") ? trimmed.replace("[", "").replace("]", "") : trimmed;
            if (IpLiterals.isLiteral(literal.contains("/") ? literal.substring(0, literal.indexOf('/')) : literal)) {
                blocks.add(Cidr.parse(literal));
            } else if (trimmed.matches("[A-Za-z0-9.-]+")) {
                names.add(BlockedAddresses.normalizedName(trimmed));
            } else {
                throw new IllegalArgumentException("webhook allow-list entry '" + trimmed + "' is neither an address block nor a host name");
            }
        }
        return new WebhookAllowList(names, blocks);
    }

    /** Whether the setting's entries parse; for validating settings at startup. */
    public static boolean isValid(List<String> entries) {
        try {
            parse(entries);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean allowsName(String host) {
        return names.contains(BlockedAddresses.normalizedName(host));
    }

    public boolean allows(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    public boolean isEmpty() {
        return names.isEmpty() && blocks.isEmpty();
    }
}
