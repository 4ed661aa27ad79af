package dev.skilldesk.search;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Marks the query's words in a text for results that FTS did not snippet (semantic-only hits). */
final class Snippets {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private Snippets() {
    }

    static String highlight(String text, Set<String> terms, int maxChars) {
        if (text == null) {
            return "";
        }
        String t = text.length() > maxChars ? text.substring(0, maxChars) + "…" : text;
        if (terms.isEmpty()) {
            return t;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(t);
        int last = 0;
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (matches(w, terms)) {
                out.append(t, last, m.start()).append(KeywordIndex.MARK_START).append(m.group())
                        .append(KeywordIndex.MARK_END);
                last = m.end();
            }
        }
        return out.append(t.substring(last)).toString();
    }

    /** A crude stem match: the shorter word is a prefix of the longer, and long enough to mean it. */
    private static boolean matches(String word, Set<String> terms) {
        for (String term : terms) {
            String shorter = word.length() < term.length() ? word : term;
            String longer = shorter == word ? term : word;
            if (shorter.length() >= 4 && longer.startsWith(shorter.substring(0, Math.max(4, shorter.length() - 2)))) {
                return true;
            }
            if (word.equals(term)) {
                return true;
            }
        }
        return false;
    }
}
