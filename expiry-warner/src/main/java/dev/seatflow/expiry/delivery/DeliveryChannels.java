package dev.seatflow.expiry.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The channels this warner can send on; warnings are only claimed for these. */
public final class DeliveryChannels {

    private final Map<String, ExpiryChannel> byName = new LinkedHashMap<>();

    public DeliveryChannels(List<ExpiryChannel> channels) {
        channels.forEach(channel -> byName.put(channel.name(), channel));
    }

    public Optional<ExpiryChannel> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
