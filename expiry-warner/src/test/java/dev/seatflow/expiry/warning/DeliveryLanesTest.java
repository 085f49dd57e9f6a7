package dev.seatflow.expiry.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DeliveryLanesTest {

    @Test
    void holdsATenantToItsShareWhileOthersKeepSending() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch hanging = new CountDownLatch(1);
        try (DeliveryLanes lanes = new DeliveryLanes(4, 2)) {
            for (int i = 1; i <= 3; i++) {
                String send = "slow-" + i;
                lanes.submit("slow", () -> {
                    started.add(send);
                    await(hanging);
                });
            }
            lanes.submit("acme", () -> started.add("acme-1"));
            lanes.submit("acme", () -> started.add("acme-2"));

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(started).containsExactlyInAnyOrder("slow-1", "slow-2", "acme-1", "acme-2");
                assertThat(lanes.pending()).as("two hanging, one waiting in its lane; acme's done").isEqualTo(3);
            });
            assertThat(lanes.busyTenants()).containsExactly("slow");
            assertThat(started).as("the third waits for one of its tenant's two slots").doesNotContain("slow-3");

            long finished = lanes.finished();
            hanging.countDown();
            lanes.awaitFinishedBeyond(finished);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lanes.pending() == 0);
            assertThat(started).contains("slow-3");
            assertThat(lanes.busyTenants()).isEmpty();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
