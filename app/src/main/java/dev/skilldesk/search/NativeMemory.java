package dev.skilldesk.search;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives memory the native side freed back to the system. glibc keeps what native code (ONNX Runtime, the tokenizer)
 * frees in its heaps for reuse and rarely returns it, so a closed model's buffers stayed resident:
 * {@code malloc_trim(0)} after an idle close took a window that had imported and searched from 610 to 539 MB
 * (BENCHMARKS.md). Called through JNA, which the model's tokenizer brings; elsewhere (not glibc, no JNA) it does
 * nothing.
 */
final class NativeMemory {
    private static final Logger LOG = Logger.getLogger(NativeMemory.class.getName());

    private NativeMemory() {
    }

    /** {@code malloc_trim(0)} on Linux with glibc; quietly nothing elsewhere. */
    static void giveBack() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            com.sun.jna.Function trim = com.sun.jna.NativeLibrary.getInstance("c").getFunction("malloc_trim");
            trim.invokeInt(new Object[] {0});
        } catch (Throwable notHere) { // UnsatisfiedLinkError (musl: no malloc_trim), NoClassDefFoundError (no JNA)
            LOG.log(Level.FINE, "malloc_trim is not available: " + notHere);
        }
    }
}
