package dev.seatflow.bench.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a system's consumers of the decided events ran behind during a window: the cumulative
 * buckets of a delay timer ({@code seatflow.mirror.delay}, {@code seatflow.audit.delay}) scraped
 * from {@code /prometheus} at both ends, their difference read as a distribution.
 */
public final class FreshnessMeter {

    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_seconds_bucket\\{.*le=\"([^\"]+)\".*\\} (\\S+)$");

    private final PrometheusScrape scrape = new PrometheusScrape();
    private final List<String> serviceUrls;
    private final List<String> metrics;

    /** @param metrics timer names as Prometheus writes them, e.g. {@code seatflow_mirror_delay} */
    public FreshnessMeter(List<String> serviceUrls, List<String> metrics) {
        this.serviceUrls = serviceUrls;
        this.metrics = metrics;
    }

    /** Cumulative bucket counts by metric and upper bound (seconds); empty when nothing publishes them. */
    public Map<String, TreeMap<Double, Double>> sample() {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        serviceUrls.forEach(url -> scrape.text(url).ifPresent(text -> add(text, metrics, buckets)));
        return buckets;
    }

    /** Adds the buckets of these metrics in a Prometheus text exposition to {@code buckets}. */
    static void add(String text, List<String> metrics, Map<String, TreeMap<Double, Double>> buckets) {
        for (String line : text.split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (bucket.matches() && metrics.contains(bucket.group(1))) {
                double le = bucket.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(2));
                buckets.computeIfAbsent(bucket.group(1), name -> new TreeMap<>()).merge(le, Double.parseDouble(bucket.group(3)), Double::sum);
            }
        }
    }

    /** Per metric, the window's median and 99th percentile as bucket upper bounds; null when nothing was applied. */
    public static Map<String, Behind> between(Map<String, TreeMap<Double, Double>> start, Map<String, TreeMap<Double, Double>> end) {
        if (start == null || end == null) {
            return null;
        }
        Map<String, Behind> behind = new TreeMap<>();
        end.forEach((metric, cumulative) -> {
            TreeMap<Double, Double> before = start.getOrDefault(metric, new TreeMap<>());
            TreeMap<Double, Double> window = new TreeMap<>();
            cumulative.forEach((le, count) -> window.put(le, count - before.getOrDefault(le, 0.0)));
            double total = window.lastEntry() == null ? 0 : window.lastEntry().getValue();
            if (total > 0) {
                behind.put(metric, new Behind(quantile(window, total, 0.5), quantile(window, total, 0.99), (long) total));
            }
        });
        return behind.isEmpty() ? null : behind;
    }

    private static Double quantile(TreeMap<Double, Double> cumulative, double total, double q) {
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey().isInfinite() ? null : bucket.getKey() * 1000;
            }
        }
        return null;
    }

    /**
     * @param p50Millis the bucket bound the median fell under (null: above the largest bucket)
     * @param p99Millis the same for the 99th percentile
     * @param records records applied in the window
     */
    public record Behind(Double p50Millis, Double p99Millis, long records) {
    }
}
