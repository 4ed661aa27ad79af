package dev.skilldesk.search;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Native calls (ONNX Runtime's model load and inference, the tokenizer's Rust code) that must finish before the JVM
 * exits. A process that exits while one runs (an MCP client that closes stdin right after {@code initialize}, while
 * the model loads) lets the C runtime tear the native libraries down under it: a SIGSEGV and an {@code hs_err} file.
 * A shutdown hook therefore refuses new calls and waits for those under way (they take a second at most); whatever
 * asks for one after that gets a {@link CancellationException}, as the process is going away.
 */
final class NativeCalls {
    /** How long the exit waits for calls under way; a model load takes about a second on 2 cores. */
    private static final long DRAIN_MILLIS = 15_000;
    private static final Object MONITOR = new Object();
    private static int inFlight;
    private static boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(NativeCalls::drain, "skilldesk-native-drain"));
    }

    private NativeCalls() {
    }

    /** Runs {@code call}; the JVM does not exit until it returns. */
    static <T> T run(Supplier<T> call) {
        synchronized (MONITOR) {
            if (exiting) {
                throw new CancellationException("the process is exiting; no model call is started");
            }
            inFlight++;
        }
        try {
            return call.get();
        } finally {
            synchronized (MONITOR) {
                inFlight--;
                MONITOR.notifyAll();
            }
        }
    }

    /** Refuses new calls and waits for those under way. */
    static void drain() {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        synchronized (MONITOR) {
            exiting = true;
            long left;
            while (inFlight > 0 && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    MONITOR.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
