package dev.seatflow.deploy;

import java.util.List;
import java.util.Map;

/** Dotted-path access into parsed YAML (maps and lists), for terse assertions. */
final class Yaml2 {

    private Yaml2() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    /** "spec.template.spec" style path; a numeric segment indexes a list. Null when absent. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String segment : path.split("\\.")) {
            if (current instanceof Map<?, ?> m) {
                current = m.get(segment);
            } else if (current instanceof List<?> l && segment.matches("\\d+")) {
                int i = Integer.parseInt(segment);
                current = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    static Map<String, Object> mapAt(Object root, String path) {
        return map(at(root, path));
    }

    static List<Map<String, Object>> mapsAt(Object root, String path) {
        return maps(at(root, path));
    }
}
