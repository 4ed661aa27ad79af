package dev.skilldesk.library;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an agent's skill listing does with the library at a budget. Claude Code lists every skill's name and
 * description in its system prompt within a fraction of the context window (1 % by default); a description
 * longer than a per-skill cap is cut, and when the listing is still over the budget the least recently used
 * skills lose their descriptions and are listed by name only. Tokens are the unit throughout (the library's
 * own BPE counts of each skill's layer 1); characters appear only for the per-description cap, which is one.
 */
public final class ListingBudget {
    public static final int DEFAULT_CONTEXT_TOKENS = 200_000;
    public static final double DEFAULT_FRACTION = 0.01;
    public static final int DEFAULT_MAX_DESCRIPTION_CHARS = 1_536;

    /** What the listing shows of a skill. */
    public enum Fate {
        FULL("listed in full"), CUT("description cut"), NAME_ONLY("name only");

        private final String label;

        Fate(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A skill as the listing sees it: its layer-1 tokens and description, and when it was last used. */
    public record Entry(String ref, String name, String description, int tokens, Instant lastUsed) {
    }

    /** One skill's line of the plan: its share of the whole listing and what the agent shows of it. */
    public record Line(Entry entry, double share, Fate fate, int tokensShown) {
    }

    /** The plan at a budget: what the listing would cost in full, what it costs as shown, each skill's line. */
    public record Plan(int budgetTokens, int fullTokens, int shownTokens, List<Line> lines) {
        public boolean fits() {
            return fullTokens <= budgetTokens;
        }

        public long count(Fate fate) {
            return lines.stream().filter(l -> l.fate() == fate).count();
        }
    }

    private ListingBudget() {
    }

    /** The budget in tokens: {@code fraction} of a context window of {@code contextTokens}. */
    public static int budgetTokens(int contextTokens, double fraction) {
        return (int) Math.round(contextTokens * fraction);
    }

    /**
     * Plans the listing: longest descriptions cut to {@code maxDescriptionChars}, then (when still over) the
     * least recently used skills (never used first) listed by name only until it fits. Lines come largest first.
     */
    public static Plan plan(List<Entry> entries, int contextTokens, double fraction, int maxDescriptionChars) {
        int budget = budgetTokens(contextTokens, fraction);
        int full = entries.stream().mapToInt(Entry::tokens).sum();
        List<Line> lines = new ArrayList<>(entries.size());
        int shown = 0;
        for (Entry e : entries) {
            int chars = e.description() == null ? 0 : e.description().length();
            boolean cut = chars > maxDescriptionChars;
            int t = cut ? nameTokens(e) + (int) Math.ceil((e.tokens() - nameTokens(e)) * (maxDescriptionChars / (double) chars))
                    : e.tokens();
            lines.add(new Line(e, full == 0 ? 0 : e.tokens() / (double) full, cut ? Fate.CUT : Fate.FULL, t));
            shown += t;
        }
        if (shown > budget) {
            List<Integer> byUse = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                byUse.add(i);
            }
            byUse.sort(Comparator.comparing((Integer i) -> lines.get(i).entry().lastUsed(),
                    Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(i -> -lines.get(i).entry().tokens()));
            for (int i : byUse) {
                if (shown <= budget) {
                    break;
                }
                Line l = lines.get(i);
                int nameOnly = nameTokens(l.entry());
                shown -= l.tokensShown() - nameOnly;
                lines.set(i, new Line(l.entry(), l.share(), Fate.NAME_ONLY, nameOnly));
            }
        }
        lines.sort(Comparator.comparingInt((Line l) -> -l.entry().tokens()).thenComparing(l -> l.entry().ref()));
        return new Plan(budget, full, shown, List.copyOf(lines));
    }

    /** About what a name costs in the listing: a token per four characters, and the line's own markup. */
    static int nameTokens(Entry e) {
        return Math.min(e.tokens(), 3 + (e.name().length() + 3) / 4);
    }
}
