package dev.skilldesk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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

    @Test
    @EnabledOnOs(OS.LINUX)
    void theJitCompilersAreLoweredAndTheVmThreadIsNot() throws Exception {
        BackgroundPriority.lowerJvmHelperThreads();
        Map<String, Integer> niceByName = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                niceByName.put(Files.readString(task.resolve("comm")).strip(), nice(task.resolve("stat")));
            }
        }
        assertThat(niceByName).hasEntrySatisfying("C2 CompilerThre", n -> assertThat(n).isEqualTo(BackgroundPriority.NICE));
        assertThat(niceByName).hasEntrySatisfying("VM Thread", n -> assertThat(n).isZero());
        assertThat(niceOfCurrentThread()).isZero();
    }

    private static int niceOfCurrentThread() {
        return nice(Path.of("/proc/thread-self/stat"));
    }

    /** Field 19 of a thread's stat file (after the parenthesised name). */
    private static int nice(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
