package dev.skilldesk.search;

/**
 * The indexer's current run, for the status bar: how many skills it has embedded of how many, and how fast.
 * Between two counts of the library (a query over every skill, so made at most once a second) the status is
 * the last count moved on by what the run embedded since.
 */
final class IndexProgress {
    private volatile int done;
    private volatile int total;
    private volatile long startNanos;
    private volatile long countedAtNanos;
    private volatile int doneAtCount;

    boolean running() {
        return total > 0;
    }

    void start(int expected) {
        startNanos = System.nanoTime();
        done = 0;
        total = expected;
    }

    void add(int n) {
        done += n;
        total = Math.max(total, done);
    }

    void finish() {
        total = 0;
        done = 0;
        startNanos = 0;
    }

    int done() {
        return done;
    }

    int total() {
        return total;
    }

    double rate() {
        double seconds = startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }

    void counted() {
        countedAtNanos = System.nanoTime();
        doneAtCount = done;
    }

    /** True when the last count is over a second old (or the run restarted since): count again. */
    boolean countDue() {
        return System.nanoTime() - countedAtNanos > 1_000_000_000L || done < doneAtCount;
    }

    /** Skills embedded since the last count. */
    int sinceCount() {
        return done - doneAtCount;
    }
}
