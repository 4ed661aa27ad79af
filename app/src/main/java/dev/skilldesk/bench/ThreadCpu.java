package dev.skilldesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time per thread of this process from {@code /proc/self/task}, the JVM's own threads (compilers,
 * garbage collector) and native ones included, which {@code ThreadMXBean} does not see. For the idle row:
 * it names where an idle process spends its time. Elsewhere than Linux it sees nothing.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** Clock ticks of user and system time, summed per thread name (pool threads share one). */
    static Map<String, Long> byName() {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    out.merge(name, ticks, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** The {@code top} names with the most CPU between two readings, as "name 0.4 %" of one core. */
    static String busiest(Map<String, Long> before, Map<String, Long> after, double wallSeconds, int top) {
        double hz = 100; // USER_HZ on Linux
        String s = after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format(Locale.ROOT, "%s %.2f %%", e.getKey(), 100 * e.getValue() / hz / wallSeconds))
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "none measurable" : s;
    }
}
