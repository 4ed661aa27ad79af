package dev.skilldesk.search;

/**
 * A search: the text, the mode, optional namespace and persona filters, how many results, and what the caller wants
 * while the in-process model is still loading: {@code keywordsWhileModelLoads} answers a hybrid search at once by
 * keywords (the response says it is provisional, and the model's load starts); without it the search waits for the
 * model, as the CLI and the MCP server do (their answers never change under them). {@code passingOnly} leaves out
 * skills that need fixes (what agents are given: the MCP server's search).
 */
public record SearchRequest(String query, SearchMode mode, String namespace, String persona, int topK,
                            boolean keywordsWhileModelLoads, boolean passingOnly) {
    public SearchRequest(String query, SearchMode mode, String namespace, String persona, int topK) {
        this(query, mode, namespace, persona, topK, false, false);
    }

    public SearchRequest {
        if (query == null) {
            query = "";
        }
        if (mode == null) {
            mode = SearchMode.HYBRID;
        }
        if (topK <= 0) {
            topK = 10;
        }
        topK = Math.min(topK, 1_000);
    }

    public static SearchRequest of(String query) {
        return new SearchRequest(query, SearchMode.HYBRID, null, null, 10);
    }

    public SearchRequest withMode(SearchMode m) {
        return new SearchRequest(query, m, namespace, persona, topK, keywordsWhileModelLoads, passingOnly);
    }

    /** The same request, answered by keywords at once while the model loads (the window's policy). */
    public SearchRequest answeredWhileModelLoads() {
        return new SearchRequest(query, mode, namespace, persona, topK, true, passingOnly);
    }

    /** The same request, leaving out skills that need fixes: what agents are given. */
    public SearchRequest forAgents() {
        return new SearchRequest(query, mode, namespace, persona, topK, keywordsWhileModelLoads, true);
    }
}
