package dev.skilldesk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers the calling thread's CPU priority (nice 10) on Linux, for background work (embedding, imports,
 * the window's worker tasks): on a 2-core machine they otherwise take the cores the window needs for
 * layout and drawing, and the import-responsiveness test saw late frames (ImportResponsivenessUiTest). Java's
 * own thread priorities are ignored on Linux, so this asks the kernel through {@code renice} on the
 * thread's id (from {@code /proc/thread-self}); an unprivileged process may always lower its own
 * threads. Elsewhere, or when that fails, it does nothing.
 */
public final class BackgroundPriority {
    private static final Logger LOG = Logger.getLogger(BackgroundPriority.class.getName());
    public static final int NICE = 10;

    private BackgroundPriority() {
    }

    public static void lowerCurrentThread() {
        if (!enabled()) {
            return;
        }
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // <pid>/task/<tid>
            renice(List.of(self.getFileName().toString()));
        } catch (Exception e) {
            LOG.log(Level.FINE, "could not lower the priority of " + Thread.currentThread().getName(), e);
        }
    }

    /**
     * Lowers the JVM's own background threads: the JIT compilers and G1's concurrent marking and refinement.
     * They are busiest exactly when the window is: the first layout of a page of table rows makes the
     * table's code hot, and a compiler thread then took one of the two cores from the FX and render threads
     * (ImportResponsivenessUiTest's longest pulse gap roughly halved with these lowered; the README has the figures).
     * Compiled code arrives a little later; garbage-collection pauses are not affected (the
     * stop-the-world workers keep their priority). For the desktop app; servers leave them alone.
     */
    public static void lowerJvmHelperThreads() {
        if (!enabled()) {
            return;
        }
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            List<String> tids = new ArrayList<>();
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).strip();
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")
                        || name.startsWith("G1 Conc") || name.startsWith("G1 Refine")) {
                    tids.add(task.getFileName().toString());
                }
            }
            renice(tids);
        } catch (Exception e) {
            LOG.log(Level.FINE, "could not lower the JVM's compiler and GC threads", e);
        }
    }

    private static boolean enabled() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && !Boolean.getBoolean("skilldesk.background.normal-priority");
    }

    private static void renice(List<String> tids) throws java.io.IOException, InterruptedException {
        if (tids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
        command.addAll(tids);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /**
     * An unstarted daemon thread that runs {@code work} at background priority: for the core's own
     * threads (the indexer, checkpoints, index builds), which would otherwise compete with the window.
     */
    public static Thread newDaemon(String name, Runnable work) {
        Thread t = new Thread(() -> {
            lowerCurrentThread();
            work.run();
        }, name);
        t.setDaemon(true);
        return t;
    }
}
