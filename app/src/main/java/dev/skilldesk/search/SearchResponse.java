package dev.skilldesk.search;

import java.util.List;

/**
 * What a search returns: the hits, the stage timings, whether the query embedding came from the cache,
 * and a notice when a mode could not run (e.g. the vector index is rebuilding, Ollama is down).
 */
public record SearchResponse(String query, SearchMode mode, List<SearchHit> hits, SearchTimings timings,
                             boolean queryCacheHit, String notice) {
}
