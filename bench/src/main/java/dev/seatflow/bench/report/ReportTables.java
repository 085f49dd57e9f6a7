package dev.seatflow.bench.report;

import dev.seatflow.bench.load.LatencySummary;
import dev.seatflow.bench.load.OperationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The one-screen text tables of a report; latencies in milliseconds, CPU in cores. */
public final class ReportTables {

    private static final String POINT_HEADER = String.format(Locale.ROOT, "%-9s %8s %-10s %9s  %-26s %7s %7s %7s %7s %7s  %6s %7s %6s %6s",
            "system", "target/s", "operation", "achieved", "errors", "p50", "p90", "p99", "p99.9", "max", "sysCPU", "ms/req", "genCPU", "host");

    private ReportTables() {
    }

    /** A steady-rate scenario: one row per system, rate and operation, then Seatflow/baseline ratios. */
    public static String points(String title, List<PointResult> points, Map<String, Set<Integer>> expected) {
        StringBuilder text = new StringBuilder("\n== ").append(title).append(" ==\n").append(POINT_HEADER).append('\n');
        for (PointResult point : points) {
            List<OperationResult> rows = new ArrayList<>();
            rows.add(point.run().total());
            if (point.run().operations().size() > 1) {
                rows.addAll(point.run().operations());
            }
            for (OperationResult row : rows) {
                boolean first = row == point.run().total();
                String operation = first && rows.size() > 1 ? "all" : row.operation();
                LatencySummary l = row.latency();
                text.append(String.format(Locale.ROOT, "%-9s %8s %-10s %9.1f  %-26s %7.1f %7.1f %7.1f %7.1f %7.1f  %6s %7s %6s %6s%n",
                        point.system(), first ? rate(point.targetRate()) : "", operation, row.achievedPerSecond(),
                        errors(row, expected), l.p50(), l.p90(), l.p99(), l.p999(), l.max(),
                        first ? cores(point.cpu() == null ? null : point.cpu().processes().get(point.system())) : "",
                        first && point.cpuMillisPerRequest() != null ? String.format(Locale.ROOT, "%.2f", point.cpuMillisPerRequest()) : "",
                        first ? cores(point.cpu() == null ? null : point.cpu().generator()) : "",
                        first ? cores(point.cpu() == null ? null : point.cpu().machine()) : ""));
            }
            if (point.signing() != null) {
                text.append(String.format(Locale.ROOT, "          signing: %.1f signatures/s, %.1f licenses per signature%n",
                        point.signing().signaturesPerSecond(), point.signing().meanBatchSize()));
            }
            if (point.behind() != null) {
                text.append("          behind the decisions (p50 / p99 ms, bucket bounds):");
                point.behind().forEach((metric, behind) -> text.append(String.format(Locale.ROOT, " %s %s / %s (%d records);",
                        metric.replace("seatflow_", "").replace("_delay", ""), bound(behind.p50Millis()), bound(behind.p99Millis()),
                        behind.records())));
                text.append('\n');
            }
            if (point.producerRetries() != null && !point.producerRetries().isEmpty()) {
                text.append("          Kafka produce retries in the window: ").append(point.producerRetries()).append('\n');
            }
        }
        text.append(ratios(points));
        return text.toString();
    }

    private static String bound(Double millis) {
        return millis == null ? "> 10000" : "≤ " + String.format(Locale.ROOT, "%.0f", millis);
    }

    private static String ratios(List<PointResult> points) {
        StringBuilder text = new StringBuilder();
        for (PointResult seatflow : points) {
            if (!seatflow.system().equals("seatflow")) {
                continue;
            }
            points.stream()
                    .filter(p -> p.system().equals("baseline") && p.targetRate() == seatflow.targetRate())
                    .findFirst()
                    .ifPresent(baseline -> {
                        LatencySummary s = seatflow.run().total().latency();
                        LatencySummary b = baseline.run().total().latency();
                        text.append(String.format(Locale.ROOT, "  seatflow/baseline at %s/s: p50 %s  p99 %s  achieved %s  cpu/request %s%n",
                                rate(seatflow.targetRate()), ratio(s.p50(), b.p50()), ratio(s.p99(), b.p99()),
                                ratio(seatflow.run().total().achievedPerSecond(), baseline.run().total().achievedPerSecond()),
                                seatflow.cpuMillisPerRequest() == null || baseline.cpuMillisPerRequest() == null ? "n/a"
                                        : ratio(seatflow.cpuMillisPerRequest(), baseline.cpuMillisPerRequest())));
                    });
        }
        return text.toString();
    }

    public static String bursts(String title, List<BurstResult> bursts) {
        StringBuilder text = new StringBuilder("\n== ").append(title).append(" ==\n");
        text.append(String.format(Locale.ROOT, "%-9s %5s %8s %6s %8s %8s %6s %7s %-8s %7s %7s %7s%n",
                "system", "round", "requests", "seats", "granted", "refused", "other", "in use", "accurate", "p50", "p99", "max"));
        for (BurstResult b : bursts) {
            text.append(String.format(Locale.ROOT, "%-9s %5d %8d %6d %8d %8d %6d %7d %-8s %7.1f %7.1f %7.1f%n",
                    b.system(), b.round(), b.requests(), b.seats(), b.granted(), b.refused(), b.other(), b.seatsInUse(),
                    b.accurate() ? "yes" : "NO", b.latency().p50(), b.latency().p99(), b.latency().max()));
        }
        bursts.stream().collect(Collectors.groupingBy(BurstResult::system, java.util.LinkedHashMap::new, Collectors.toList()))
                .forEach((system, rounds) -> text.append(String.format(Locale.ROOT, "  %s: %d of %d bursts exact (accuracy %.0f%%)%n",
                        system, rounds.stream().filter(BurstResult::accurate).count(), rounds.size(),
                        100.0 * rounds.stream().filter(BurstResult::accurate).count() / rounds.size())));
        return text.toString();
    }

    public static String findMax(List<FindMaxResult> results) {
        StringBuilder text = new StringBuilder();
        for (FindMaxResult result : results) {
            text.append(String.format(Locale.ROOT, "%n== find-max %s on %s: p99 <= %.0f ms ==%n", result.scenario(), result.system(), result.p99BoundMillis()));
            text.append(String.format(Locale.ROOT, "%9s %-6s %8s %9s %7s  %s%n", "rate/s", "pass", "p99", "achieved", "errors", "why not"));
            for (FindMaxResult.Probe probe : result.probes()) {
                text.append(String.format(Locale.ROOT, "%9s %-6s %8.1f %9.1f %7d  %s%n", rate(probe.rate()), probe.passed() ? "yes" : "no",
                        probe.p99(), probe.achieved(), probe.errors(), probe.reason()));
            }
            text.append(String.format(Locale.ROOT, "  highest passing rate: %s/s%n", rate(result.maxPassingRate())));
        }
        List<FindMaxResult> seatflow = results.stream().filter(r -> r.system().equals("seatflow")).toList();
        for (FindMaxResult s : seatflow) {
            results.stream().filter(r -> r.system().equals("baseline") && r.scenario().equals(s.scenario())).findFirst()
                    .ifPresent(b -> text.append(String.format(Locale.ROOT, "  %s max rate seatflow/baseline: %s/s / %s/s = %s%n",
                            s.scenario(), rate(s.maxPassingRate()), rate(b.maxPassingRate()), ratio(s.maxPassingRate(), b.maxPassingRate()))));
        }
        return text.toString();
    }

    /** Offered, answered, refused and failed under overload, and how soon latency was normal again. */
    public static String overload(List<OverloadResult> results) {
        StringBuilder text = new StringBuilder();
        for (OverloadResult r : results) {
            LatencySummary normal = r.normal().run().total().latency();
            LatencySummary good = r.overload().run().total().okLatency();
            LatencySummary refused = r.refusedLatency();
            text.append(String.format(Locale.ROOT, "%n== overload %s on %s: %s/s offered after %s/s (p99 %.1f ms) ==%n", r.scenario(),
                    r.system(), rate(r.overload().targetRate()), rate(r.normal().targetRate()), normal.p99()));
            text.append(String.format(Locale.ROOT, "  goodput %.1f/s (p50 %.1f, p99 %.1f ms); refused %.1f/s (p99 %s ms); failed %d%s%n",
                    r.goodputPerSecond(), good.p50(), good.p99(), r.refusedPerSecond(),
                    refused == null ? "-" : String.format(Locale.ROOT, "%.1f", refused.p99()), r.failed(),
                    r.overload().cpuMillisPerRequest() == null ? "" : "; system " + cores(r.overload().cpu().processes().get(r.system())) + " cores"));
            text.append(String.format(Locale.ROOT, "  after: p99 per second %s ms; back within %.0fx the normal p99 %s%n",
                    r.recovery().total().p99BySecond().stream().map(p -> p == null ? "-" : String.format(Locale.ROOT, "%.0f", p))
                            .collect(Collectors.joining(" ")),
                    OverloadResult.NORMAL_FACTOR,
                    r.recoveredAfterSeconds() == null ? "not within the window" : "after " + r.recoveredAfterSeconds() + " s"));
        }
        return text.toString();
    }

    private static String errors(OperationResult row, Map<String, Set<Integer>> expected) {
        Set<Integer> ok = expected.getOrDefault(row.operation(),
                expected.values().stream().flatMap(Set::stream).collect(Collectors.toSet()));
        String errors = row.outcomes().entrySet().stream()
                .filter(e -> !isIn(e.getKey(), ok))
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
        return errors.isEmpty() ? "-" : errors;
    }

    private static boolean isIn(String outcome, Set<Integer> statuses) {
        try {
            return statuses.contains(Integer.parseInt(outcome));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Rates as labels: "200", "212.5". */
    public static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    private static String cores(Double cores) {
        return cores == null ? "" : String.format(Locale.ROOT, "%.2f", cores);
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", a / b);
    }
}
