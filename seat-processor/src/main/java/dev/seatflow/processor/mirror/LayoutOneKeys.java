package dev.seatflow.processor.mirror;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The key shapes the mirror of key layout 1 (releases before tenant hash tags) wrote under a
 * prefix, the one place they are described. Only these exact shapes are layout 1's: other
 * applications sharing the Redis may well use {@code session:*} or {@code tenant:*} keys of their own.
 */
record LayoutOneKeys(String prefix) {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /**
     * A shape: the literal start every such key has (what SCAN matches on) and the rest of the key.
     *
     * @param progress the mirror's bookkeeping rather than data: proof that layout 1 was written
     *                 here, so deleted last (an interrupted cleanup still finds it and runs again)
     */
    record Shape(String start, Pattern rest, boolean progress) {

        private static Shape of(String start, String rest, boolean progress) {
            return new Shape(start, Pattern.compile(rest), progress);
        }
    }

    static final List<Shape> SHAPES = List.of(
            // tenant:<t>:...: a tenant id without the braces of layout 2's hash tag
            Shape.of("tenant:", "(?!\\{).+:(seat_count|active_sessions|settings|licenses|license:.+|sequence"
                    + "|licenses_by_created|sessions_by_start|user_sessions:.+)", false),
            Shape.of("session:", UUID, false),
            Shape.of("seatflow:mirror:offset:", ".+:[0-9]+", true),
            Shape.of("seatflow:mirror:indexes", "", true));

    /** The SCAN pattern of a shape under the prefix (the prefix's glob characters escaped). */
    String pattern(Shape shape) {
        return glob(prefix + shape.start()) + (shape.rest().pattern().isEmpty() ? "" : "*");
    }

    /** Whether a key found with {@link #pattern} really has the shape. */
    boolean matches(Shape shape, String key) {
        String start = prefix + shape.start();
        return key.startsWith(start) && shape.rest().matcher(key.substring(start.length())).matches();
    }

    private static String glob(String literal) {
        return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
