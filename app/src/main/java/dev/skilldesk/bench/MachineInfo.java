package dev.skilldesk.bench;

import dev.skilldesk.search.VectorMath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the benchmark ran on, and the process measurements it needs (RSS, heap, disk use). */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** Cores, CPU, memory, Java, OS, SIMD and the load when the run started. */
    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", cpuModel());
        m.put("memory", memTotal());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        m.put("maxHeap", (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("dotProduct", VectorMath.implementation());
        m.put("loadAverage", firstLine(Path.of("/proc/loadavg")));
        return m;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memTotal() {
        long kb = procStatusField(Path.of("/proc/meminfo"), "MemTotal:");
        return kb < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
    }

    private static String firstLine(Path p) {
        try {
            List<String> lines = Files.readAllLines(p);
            return lines.isEmpty() ? "unknown" : lines.get(0).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** This process's resident set size in bytes (VmRSS of /proc/self/status), or -1 off Linux. */
    public static long rssBytes() {
        long kb = procStatusField(Path.of("/proc/self/status"), "VmRSS:");
        return kb < 0 ? -1 : kb * 1024;
    }

    /** Another process's resident set size in bytes, or -1. */
    public static long rssBytes(long pid) {
        long kb = procStatusField(Path.of("/proc/" + pid + "/status"), "VmRSS:");
        return kb < 0 ? -1 : kb * 1024;
    }

    private static long procStatusField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or not readable
        }
        return -1;
    }

    /** Heap in use after asking for a full collection (twice, with a pause, so finalizable garbage goes too). */
    public static long heapUsedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Bytes of all regular files under {@code dir}. */
    public static long sizeOnDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
