package dev.seatflow.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list ordered by a stable sort key; {@code nextCursor} continues after the last
 * item (absent on the last page).
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * @param sortKey a string whose natural order is the list order and which is unique per item
     */
    public static <T> Page<T> of(List<T> all, Function<T, String> sortKey, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        String after = cursor == null ? null : decode(cursor);
        List<T> sorted = all.stream()
                .filter(item -> after == null || sortKey.apply(item).compareTo(after) > 0)
                .sorted(Comparator.comparing(sortKey))
                .toList();
        List<T> page = sorted.subList(0, Math.min(size, sorted.size()));
        String next = sorted.size() > size ? encode(sortKey.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page, next);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "cursor is not one this API returned");
        }
    }
}
