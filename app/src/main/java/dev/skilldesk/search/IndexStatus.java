package dev.skilldesk.search;

/**
 * The indexer's state for the UI's status bar and {@code skilldesk index-status}.
 *
 * @param total      skills that should be in the index (not deleted)
 * @param indexed    of those, embedded for their active version with the current model
 * @param stale      embedded, but for an older version or model (searchable by the old vector meanwhile)
 * @param pending    not embedded yet (stale included)
 * @param failed     failed and waiting for a retry
 * @param runDone    embedded in the current run
 * @param runTotal   the size of the current run
 * @param ratePerSec embeddings per second in the current run
 * @param indexReady whether the vector index is loaded (false while it is rebuilt)
 * @param paused     whether indexing was cancelled/paused by the user
 * @param breaker    the embedding backend's breaker state, or null when it has none
 * @param message    what is happening, in words
 */
public record IndexStatus(String modelId, int total, int indexed, int stale, int pending, int failed, int runDone,
                          int runTotal, double ratePerSec, boolean indexReady, boolean paused, String breaker,
                          String message) {
    public boolean idle() {
        return pending == 0 && indexReady;
    }
}
