package dev.seatflow.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list ordered by a stable sort key; {@code nextCursor} continues after the last
 * item (absent on the last page). The cursor is the sort key of the last item, opaque to clients.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** The page size asked for, checked. */
    public static int size(Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return size;
    }

    /** The sort key a page continues after (null: from the start). */
    public static String after(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "cursor is not one this API returned");
        }
    }

    /** The cursor of the page after the one that ends with this sort key (null when there is none). */
    public static String cursorAfter(String lastSortKey, boolean more) {
        return more ? Base64.getUrlEncoder().withoutPadding().encodeToString(lastSortKey.getBytes(StandardCharsets.UTF_8)) : null;
    }
}
