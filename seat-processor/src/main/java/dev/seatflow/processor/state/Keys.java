package dev.seatflow.processor.state;

/**
 * Store keys. Stores hold every tenant of a task, so keys start with the tenant id and a
 * separator that tenant ids cannot contain (the gateway and the processor both check).
 */
public final class Keys {

    public static final char SEPARATOR = '|';

    private Keys() {
    }

    public static String of(String tenant, Object... parts) {
        StringBuilder key = new StringBuilder(tenant);
        for (Object part : parts) {
            key.append(SEPARATOR).append(part);
        }
        return key.toString();
    }

    /** Prefix matching every key of a tenant in a store. */
    public static String tenantPrefix(String tenant) {
        return tenant + SEPARATOR;
    }

    /** The smallest key after every key that starts with {@code prefix}: the exclusive end of its range. */
    public static String prefixEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /** Tenant ids: letters, digits, '-' and '_', at most 64 characters. */
    public static boolean isValidTenant(String tenant) {
        return tenant != null && tenant.matches("[A-Za-z0-9_-]{1,64}");
    }
}
