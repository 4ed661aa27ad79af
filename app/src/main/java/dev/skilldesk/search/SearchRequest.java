package dev.skilldesk.search;

/** A search: the text, the mode, optional namespace and persona filters, and how many results. */
public record SearchRequest(String query, SearchMode mode, String namespace, String persona, int topK) {
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
        return new SearchRequest(query, m, namespace, persona, topK);
    }
}
