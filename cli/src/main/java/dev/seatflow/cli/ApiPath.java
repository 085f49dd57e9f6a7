package dev.seatflow.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A path with the query parameters that were given (absent ones left out), encoded. */
public final class ApiPath {

    private final String path;
    private final Map<String, Object> query = new LinkedHashMap<>();

    private ApiPath(String path) {
        this.path = path;
    }

    public static ApiPath path(String path) {
        return new ApiPath(path);
    }

    public ApiPath with(String name, Object value) {
        if (value != null) {
            query.put(name, value);
        }
        return this;
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path : path + "?" + query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
