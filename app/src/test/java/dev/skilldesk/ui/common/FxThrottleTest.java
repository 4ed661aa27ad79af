package dev.skilldesk.ui.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FxThrottleTest {
    @Test
    void aBurstIsMergedAndTheLastValueAlwaysArrives() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor(); // stands in for the FX thread
        try {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            FxThrottle<Integer> throttle = new FxThrottle<>(ui, 100, seen::add);
            Thread producer = new Thread(() -> {
                for (int i = 1; i <= 5_000; i++) {
                    throttle.accept(i);
                }
            });
            producer.start();
            producer.join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((seen.isEmpty() || seen.get(seen.size() - 1) != 5_000) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(seen).last().isEqualTo(5_000);
            assertThat(seen).as("a handful of deliveries, not 5,000").hasSizeLessThan(20);
            assertThat(seen).isSorted();
        } finally {
            ui.shutdownNow();
        }
    }

    @Test
    void aLoneValueIsDeliveredAtOnce() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Executor direct = Runnable::run;
        new FxThrottle<String>(direct, 1_000, seen::add).accept("done");
        assertThat(seen).containsExactly("done");
    }
}
