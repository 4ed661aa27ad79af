package dev.skilldesk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers the calling thread's CPU priority (nice 10) on Linux, for background work (embedding, imports,
 * the window's worker tasks): on a 2-core machine they otherwise take the cores the window needs for
 * layout and drawing, and a pulse waited over 100 ms in about a third of the 1,000-skill import tests. Java's
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
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                || Boolean.getBoolean("skilldesk.background.normal-priority")) {
            return;
        }
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // <pid>/task/<tid>
            String tid = self.getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "could not lower the priority of " + Thread.currentThread().getName(), e);
        }
    }
}
