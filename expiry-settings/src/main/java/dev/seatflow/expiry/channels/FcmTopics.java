package dev.seatflow.expiry.channels;

import java.nio.charset.StandardCharsets;

/**
 * The FCM topic a tenant's push warnings really go to. FCM topics are global to the Firebase
 * project: whoever names a topic reaches every device subscribed to it. So the name a tenant sets
 * ({@code licenses}) is never sent as is but as {@code t.<tenant id>.licenses}, and one tenant cannot
 * name another's. The tenant id holds no dot (a character outside {@code [A-Za-z0-9_-]} is
 * percent-encoded, which FCM allows), so the first dot after {@code t.} ends it: tenant {@code a}
 * with topic {@code b.c} and tenant {@code a.b} with topic {@code c} get different names. Apps
 * subscribe to this namespaced name.
 */
public final class FcmTopics {

    /** FCM's limit on a whole topic name ({@code [a-zA-Z0-9-_.~%]{1,900}}, as Firebase's subscribeToTopic documents it). */
    public static final int MAX_LENGTH = 900;
    private static final String PREFIX = "t.";

    private FcmTopics() {
    }

    /** The name sent to FCM, and the one the tenant's apps subscribe to. */
    public static String forTenant(String tenantId, String topic) {
        return namespace(tenantId) + topic;
    }

    /** The longest topic a tenant may set: its namespace takes its share of FCM's limit. */
    public static int maxTopicLength(String tenantId) {
        return MAX_LENGTH - namespace(tenantId).length();
    }

    private static String namespace(String tenantId) {
        StringBuilder name = new StringBuilder(PREFIX);
        for (byte b : tenantId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.append('.').toString();
    }
}
