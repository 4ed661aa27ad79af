package dev.skilldesk.search;

import java.util.Locale;

/** How to rank: by meaning, by words, or both fused (the default). */
public enum SearchMode {
    HYBRID, SEMANTIC, KEYWORD;

    public static SearchMode parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown search mode '" + s + "' (hybrid, semantic or keyword)");
        }
    }
}
