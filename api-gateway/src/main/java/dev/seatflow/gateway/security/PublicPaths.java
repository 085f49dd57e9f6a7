package dev.seatflow.gateway.security;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriUtils;

/**
 * The paths that need no token; every other path does (deny by default). Decided on the decoded
 * path, as the router matches it, so that an encoded spelling of a protected path cannot pass as
 * another; a path that only makes sense as a trick (dot segments, encoded separators) is refused.
 */
public final class PublicPaths {

    /**
     * The probes are the only actuator paths on this port (they answer UP or DOWN, nothing more);
     * metrics, detailed health and /info are on the management port, which this filter does not guard.
     */
    private static final Set<String> EXACT = Set.of("/api/v1/licenses/public-key", "/dev/tokens", "/swagger-ui.html",
            "/livez", "/readyz");
    /** Each also covers the path itself: {@code /v3/api-docs} and {@code /v3/api-docs/swagger-config}. */
    private static final List<String> TREES = List.of("/v3/api-docs", "/swagger-ui", "/webjars");

    private PublicPaths() {
    }

    public static boolean isPublic(String decodedPath) {
        return EXACT.contains(decodedPath) || TREES.stream().anyMatch(tree -> decodedPath.equals(tree) || decodedPath.startsWith(tree + "/"));
    }

    /** The request's path within the application, decoded; refused (400) if it holds dot segments or encoded separators. */
    static String decoded(ServerHttpRequest request) {
        String raw = request.getPath().pathWithinApplication().value();
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || raw.contains("\\")) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the path holds an encoded separator");
        }
        String path;
        try {
            path = UriUtils.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the path is not validly encoded");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "the path holds a dot segment");
            }
        }
        return path;
    }
}
