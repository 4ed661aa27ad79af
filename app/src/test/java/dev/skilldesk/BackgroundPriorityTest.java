package dev.skilldesk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundPriorityTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void aBackgroundThreadRunsAtNiceTenAndOthersAreLeftAlone() throws Exception {
        AtomicInteger lowered = new AtomicInteger(-100);
        Thread t = new Thread(() -> {
            BackgroundPriority.lowerCurrentThread();
            lowered.set(niceOfCurrentThread());
        });
        t.start();
        t.join();
        assertThat(lowered.get()).isEqualTo(BackgroundPriority.NICE);
        assertThat(niceOfCurrentThread()).as("the calling test thread keeps its priority").isZero();
    }

    /** Field 19 of /proc/thread-self/stat (after the parenthesised name). */
    private static int niceOfCurrentThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
