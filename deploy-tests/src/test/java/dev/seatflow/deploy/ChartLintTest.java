package dev.seatflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** helm lint --strict (helm-java's lint takes no values file; production values are rendered in the other tests). */
class ChartLintTest {

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = Chart.helm().lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void rendersWithDefaultAndProductionValues() {
        assertThat(Chart.defaults().names()).hasSizeGreaterThan(10);
        assertThat(Chart.production().names()).hasSizeGreaterThan(10);
    }
}
