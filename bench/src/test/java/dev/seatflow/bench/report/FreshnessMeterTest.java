package dev.seatflow.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FreshnessMeterTest {

    private static final List<String> METRICS = List.of("seatflow_mirror_delay");

    @Test
    void readsTheWindowsPercentilesFromTheDifferenceOfTwoScrapes() {
        Map<String, TreeMap<Double, Double>> start = scrape(10, 10, 10, 10);
        // In the window: 90 records under 20 ms, 9 more under 50 ms, 1 under 100 ms.
        Map<String, TreeMap<Double, Double>> end = scrape(10, 100, 109, 110);

        FreshnessMeter.Behind behind = FreshnessMeter.between(start, end).get("seatflow_mirror_delay");

        assertThat(behind.records()).isEqualTo(100);
        assertThat(behind.p50Millis()).isEqualTo(20.0);
        assertThat(behind.p99Millis()).isEqualTo(50.0);
    }

    @Test
    void saysNothingWhenNothingWasAppliedOrNothingIsPublished() {
        assertThat(FreshnessMeter.between(scrape(5, 5, 5, 5), scrape(5, 5, 5, 5))).isNull();
        assertThat(FreshnessMeter.between(Map.of(), Map.of())).isNull();
    }

    /** Cumulative counts under 10, 20, 50 ms and +Inf, as Micrometer writes them, with a metric that is not asked for. */
    private static Map<String, TreeMap<Double, Double>> scrape(double under10, double under20, double under50, double all) {
        String text = String.join("\n",
                "# TYPE seatflow_mirror_delay_seconds histogram",
                "seatflow_mirror_delay_seconds_bucket{le=\"0.01\"} " + under10,
                "seatflow_mirror_delay_seconds_bucket{le=\"0.02\"} " + under20,
                "seatflow_mirror_delay_seconds_bucket{le=\"0.05\"} " + under50,
                "seatflow_mirror_delay_seconds_bucket{le=\"0.1\"} " + all,
                "seatflow_mirror_delay_seconds_bucket{le=\"+Inf\"} " + all,
                "seatflow_mirror_delay_seconds_count " + all,
                "seatflow_other_seconds_bucket{le=\"0.01\"} 99");
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        FreshnessMeter.add(text, METRICS, buckets);
        return buckets;
    }
}
