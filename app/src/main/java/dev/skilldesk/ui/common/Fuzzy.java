package dev.skilldesk.ui.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Fuzzy matching for quick open and the command palette, as IDEs do it: the typed letters in order, anywhere in the
 * text; a match at the start of a word, or of letters in a row, ranks higher. "pdfm" finds "pdf-merger".
 */
public final class Fuzzy {
    private Fuzzy() {
    }

    /** How well {@code query} matches {@code text}: higher is better, negative for no match. An empty query: 0. */
    public static int score(String query, String text) {
        String q = query.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (q.isEmpty()) {
            return 0;
        }
        String t = text.toLowerCase(Locale.ROOT);
        int score = 0;
        int at = 0;
        int run = 0;
        for (int i = 0; i < q.length(); i++) {
            int found = t.indexOf(q.charAt(i), at);
            if (found < 0) {
                return -1;
            }
            boolean wordStart = found == 0 || !Character.isLetterOrDigit(t.charAt(found - 1));
            run = found == at && i > 0 ? run + 1 : 0;
            score += 1 + (wordStart ? 8 : 0) + run * 4 - Math.min(found - at, 10);
            at = found + 1;
        }
        if (t.contains(q)) {
            score += 20 + (t.startsWith(q) || t.contains("/" + q) ? 20 : 0);
        }
        return score - t.length() / 8;
    }

    /** The items matching {@code query}, best first (ties in their given order), at most {@code limit}. */
    public static <T> List<T> rank(List<T> items, String query, Function<T, String> text, int limit) {
        if (query == null || query.isBlank()) {
            return items.stream().limit(limit).toList();
        }
        record Scored<T>(T item, int score, int order) {
        }
        ArrayList<Scored<T>> scored = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            int s = score(query, text.apply(items.get(i)));
            if (s >= 0) {
                scored.add(new Scored<>(items.get(i), s, i));
            }
        }
        scored.sort(Comparator.comparingInt((Scored<T> s) -> -s.score()).thenComparingInt(Scored::order));
        return scored.stream().limit(limit).map(Scored::item).toList();
    }
}
