package dev.skilldesk.search;

import java.util.List;

/**
 * What a search returns: the hits, the stage timings, whether the query embedding came from the cache, a notice when
 * a mode could not run (e.g. the vector index is rebuilding, Ollama is down), and whether the answer is provisional:
 * given by keywords while the model loads, for a request that asked for that; ask again once
 * {@link Embedder#awaitLoaded()} returns.
 */
public record SearchResponse(String query, SearchMode mode, List<SearchHit> hits, SearchTimings timings,
                             boolean queryCacheHit, String notice, boolean provisional) {
    public SearchResponse(String query, SearchMode mode, List<SearchHit> hits, SearchTimings timings,
                          boolean queryCacheHit, String notice) {
        this(query, mode, hits, timings, queryCacheHit, notice, false);
    }
}
