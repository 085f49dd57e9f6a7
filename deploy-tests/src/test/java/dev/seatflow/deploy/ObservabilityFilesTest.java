package dev.seatflow.deploy;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Grafana dashboard and the alert rules only query metrics the services really export. */
class ObservabilityFilesTest {

    private static final Path DASHBOARD = Chart.REPO_ROOT.resolve("observability/grafana/seatflow-dashboard.json");
    private static final Path ALERTS = Chart.REPO_ROOT.resolve("observability/prometheus/seatflow-alerts.yaml");

    /**
     * Seatflow's own meters: the Counter/Timer/Gauge.builder names in * /src/main/java with their type
     * (checked against the code below). Prometheus names: dots become underscores, counters get
     * _total, timers _seconds_bucket/_count/_sum/_max.
     */
    private static final Map<String, String> SEATFLOW_METERS = Map.ofEntries(
            entry("seatflow.decisions", "Counter"),                 // seat-processor, tag outcome
            entry("seatflow.decision.latency", "Timer"),            // seat-processor, percentile histogram
            entry("seatflow.sessions.live", "Gauge"),
            entry("seatflow.store.entries", "Gauge"),               // tag store
            entry("seatflow.commands.repeated", "Counter"),
            entry("seatflow.commands.dead_lettered", "Counter"),    // tag reason
            entry("seatflow.mirror.applied", "Counter"),
            entry("seatflow.mirror.failures", "Counter"),
            entry("seatflow.mirror.delay", "Timer"),                // fixed buckets
            entry("seatflow.audit.delay", "Timer"),
            entry("seatflow.gateway.rate_limited", "Counter"),      // api-gateway
            entry("seatflow.gateway.rate_limit_unavailable", "Counter"),
            entry("seatflow.gateway.rate_limit_fallback", "Gauge"),
            entry("seatflow.audit.appended", "Counter"),            // audit-sink
            entry("seatflow.audit.duplicates", "Counter"),
            entry("seatflow.audit.gaps", "Counter"),
            entry("seatflow.audit.dead_lettered", "Counter"),
            entry("seatflow.audit.failures", "Counter"),
            entry("seatflow.expiry.warnings", "Counter"),           // expiry-warner, tags channel, outcome
            entry("seatflow.expiry.license_events", "Counter"),
            entry("seatflow.expiry.undecodable_events", "Counter"),
            entry("seatflow.expiry.recorded", "Counter"));

    /**
     * Meters of Spring Boot, Micrometer's JVM binders and Micrometer's Kafka binders (KafkaStreamsMetrics
     * in the seat processor: "kafka." + metric group without "-metrics" + "." + metric name), as seen
     * at /prometheus of a running ./seatflow (Kafka 4.1).
     */
    private static final Set<String> PLATFORM_SERIES = Set.of(
            "http_server_requests_seconds_bucket", "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "kafka_consumer_fetch_manager_records_lag_max",
            "kafka_stream_thread_process_rate", "kafka_stream_thread_commit_latency_avg", "kafka_stream_thread_commit_latency_max",
            "kafka_stream_alive_stream_threads", "kafka_stream_failed_stream_threads_total", "kafka_stream_client_state",
            "kafka_stream_state_updater_active_restoring_tasks", "kafka_stream_state_updater_standby_updating_tasks",
            "jvm_memory_used_bytes", "process_cpu_usage");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "group_left", "group_right");

    @Test
    void theListedSeatflowMetersExistInTheCode() throws IOException {
        Pattern builder = Pattern.compile("(Counter|Timer|Gauge)\\.builder\\(\"(seatflow\\.[^\"]+)\"");
        Map<String, String> inCode = new HashMap<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Chart.REPO_ROOT)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        for (Path file : sources) {
            Matcher m = builder.matcher(Files.readString(file));
            while (m.find()) {
                inCode.put(m.group(2), m.group(1));
            }
        }
        assertThat(inCode).containsAllEntriesOf(SEATFLOW_METERS);
    }

    @Test
    void dashboardAndAlertsQueryOnlyExportedSeries() throws IOException {
        Set<String> known = knownSeries();
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        expressions.addAll(alertRules().stream().map(r -> (String) r.get("expr")).toList());
        assertThat(expressions).hasSizeGreaterThan(30);
        for (String expr : expressions) {
            assertThat(balanced(expr)).as("brackets in " + expr).isTrue();
            assertThat(metricNames(expr)).as(expr).isNotEmpty().isSubsetOf(known);
        }
    }

    @Test
    void decisionOutcomesInQueriesAreOutcomesOfTheSchema() throws IOException {
        String schema = Files.readString(Chart.REPO_ROOT.resolve("schemas/src/main/avro/decision/SeatDecision.avsc"));
        Matcher outcomes = Pattern.compile("outcome=~?\"([^\"]+)\"").matcher(String.join("\n", dashboardExpressions()) + alertRules());
        int found = 0;
        while (outcomes.find()) {
            for (String symbol : outcomes.group(1).split("\\|")) {
                if (!symbol.matches("sent|failed|dead|cancelled")) { // expiry warnings' outcomes
                    assertThat(schema).contains("\"" + symbol + "\"");
                    found++;
                }
            }
        }
        assertThat(found).isPositive();
    }

    @Test
    void dashboardShowsEverySeatflowMetric() throws IOException {
        Set<String> used = new HashSet<>();
        dashboardExpressions().forEach(e -> used.addAll(metricNames(e)));
        for (String meter : SEATFLOW_METERS.keySet()) {
            assertThat(used).as(meter).anyMatch(series -> series.startsWith(meter.replace('.', '_')));
        }
        assertThat(used).contains("kafka_consumer_fetch_manager_records_lag_max", "http_server_requests_seconds_bucket",
                "kafka_stream_thread_process_rate");
    }

    @Test
    void alertRulesCoverTheIssueListAndAreComplete() throws IOException {
        List<Map<String, Object>> rules = alertRules();
        for (Map<String, Object> rule : rules) {
            assertThat(rule).containsKeys("alert", "expr");
            assertThat(Yaml2.at(rule, "labels.severity")).as(rule.get("alert").toString()).isIn("warning", "critical");
            assertThat(Yaml2.at(rule, "annotations.summary")).as(rule.get("alert").toString()).isNotNull();
        }
        String all = rules.stream().map(r -> (String) r.get("expr")).reduce("", String::concat);
        assertThat(all).contains("outcome=\"SEATS_EXHAUSTED\"")           // seat exhaustion rate
                .contains("histogram_quantile(0.99, sum by (le) (rate(seatflow_decision_latency_seconds_bucket") // p99
                .contains("kafka_consumer_fetch_manager_records_lag_max") // consumer lag
                .contains("seatflow_audit_gaps_total")                    // audit gaps
                .contains("seatflow_commands_dead_lettered_total").contains("seatflow_audit_dead_lettered_total"); // dead letters
    }

    @Test
    void findsTheMetricNamesOfAnExpression() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, uri) (rate(a_seconds_bucket{uri!~\"/x|/y\"}[$__rate_interval])))"
                + " / on (uri) group_left max(b_total offset 5m) > bool 1e-3 and c"))
                .containsExactly("a_seconds_bucket", "b_total", "c");
    }

    /** Prometheus series names of the known meters. */
    private static Set<String> knownSeries() {
        Set<String> series = new TreeSet<>(PLATFORM_SERIES);
        SEATFLOW_METERS.forEach((name, type) -> {
            String base = name.replace('.', '_');
            switch (type) {
                case "Counter" -> series.add(base + "_total");
                case "Timer" -> Stream.of("_bucket", "_count", "_sum", "_max").forEach(s -> series.add(base + "_seconds" + s));
                default -> series.add(base);
            }
        });
        return series;
    }

    /** Metric names in a PromQL expression: identifiers left after removing strings, matchers, ranges, grouping and calls. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\\$\\{?\\w+}?", "1")                    // Grafana variables
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")               // string literals
                .replaceAll("\\{[^}]*}", " ")                                 // label matchers
                .replaceAll("\\[[^]]*]", " ")                                 // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()").matcher(s);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        collect(load(DASHBOARD), "expr", expressions);
        return expressions;
    }

    private static List<Map<String, Object>> alertRules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        Yaml2.mapsAt(load(ALERTS), "groups").forEach(group -> rules.addAll(Yaml2.mapsAt(group, "rules")));
        return rules;
    }

    private static void collect(Object node, String key, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k) && v instanceof String s) {
                    out.add(s);
                } else {
                    collect(v, key, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, key, out));
        }
    }

    /** JSON is YAML, so SnakeYAML reads the dashboard too. */
    private static Object load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }
}
