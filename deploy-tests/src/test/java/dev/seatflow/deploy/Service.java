package dev.seatflow.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The four services as the chart deploys them (ARCHITECTURE.md: what each talks to). */
enum Service {
    API_GATEWAY("api-gateway", "StatefulSet", true, true),
    SEAT_PROCESSOR("seat-processor", "StatefulSet", true, false),
    AUDIT_SINK("audit-sink", "Deployment", false, true),
    EXPIRY_WARNER("expiry-warner", "Deployment", false, true);

    final String name;
    final String kind;
    final boolean redis;
    final boolean postgres;

    Service(String name, String kind, boolean redis, boolean postgres) {
        this.name = name;
        this.kind = kind;
        this.redis = redis;
        this.postgres = postgres;
    }

    String resourceName() {
        return Chart.RELEASE + "-" + name;
    }

    Map<String, Object> workload(Chart.Rendered rendered) {
        return rendered.get(kind, resourceName());
    }

    Map<String, Object> pod(Chart.Rendered rendered) {
        return Yaml2.mapAt(workload(rendered), "spec.template.spec");
    }

    Map<String, Object> container(Chart.Rendered rendered) {
        return Yaml2.mapsAt(pod(rendered), "containers").stream().filter(c -> name.equals(c.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + name));
    }

    /** Main and init containers. */
    List<Map<String, Object>> allContainers(Chart.Rendered rendered) {
        Map<String, Object> pod = pod(rendered);
        return Stream.concat(Yaml2.mapsAt(pod, "initContainers").stream(), Yaml2.mapsAt(pod, "containers").stream()).toList();
    }

    /** The main container's env by name, in declaration order (order matters for $(VAR) references). */
    Map<String, Map<String, Object>> env(Chart.Rendered rendered) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        Yaml2.mapsAt(container(rendered), "env").forEach(e -> env.put((String) e.get("name"), e));
        return env;
    }

    String envValue(Chart.Rendered rendered, String name) {
        Map<String, Object> var = env(rendered).get(name);
        return var == null ? null : (String) var.get("value");
    }

    int containerPort(Chart.Rendered rendered) {
        return containerPort(rendered, "http");
    }

    /** Metrics, detailed health and /info. */
    int managementPort(Chart.Rendered rendered) {
        return containerPort(rendered, "management");
    }

    private int containerPort(Chart.Rendered rendered, String name) {
        return Yaml2.mapsAt(container(rendered), "ports").stream().filter(p -> name.equals(p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst().orElseThrow(() -> new AssertionError("no port " + name));
    }
}
