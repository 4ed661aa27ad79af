package dev.skilldesk.library;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line diff shaped for reading: hunks of changes with a few lines of context, the unchanged lines between
 * them folded into one row ("42 unchanged lines"), and within a changed line the words that changed marked,
 * so an edit of one word in a long paragraph shows as that word.
 */
public final class TextDiff {
    /** What a row of the diff is. */
    public enum Kind { SAME, REMOVED, ADDED, FOLD, FILE }

    /** Characters {@code [start, end)} of a line that changed. */
    public record Span(int start, int end) {
    }

    /**
     * One row: a line of either text (its 1-based numbers; 0 where the line is not in that text), a fold of
     * {@code folded} unchanged lines, or (kind FILE) the head of a file's part of a folder's diff, {@code text} its
     * path and what happened to it.
     */
    public record Line(Kind kind, int oldLine, int newLine, String text, List<Span> changed, int folded) {
    }

    /** Lines of context around each change. */
    public static final int CONTEXT = 3;
    private static final Pattern TOKEN = Pattern.compile("\\w+|\\s+|[^\\w\\s]");

    private TextDiff() {
    }

    /** The rows of a folder's diff: a FILE head per file that changed, then its rows (a binary file: the head alone). */
    public static List<Line> rows(List<FolderDiff.FileChange> changes, int context) {
        List<Line> out = new ArrayList<>();
        for (FolderDiff.FileChange c : changes) {
            out.add(new Line(Kind.FILE, 0, 0, c.path() + "  (" + c.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (c.binary() ? ", binary" : "") + ")", List.of(), 0));
            if (!c.binary()) {
                out.addAll(rows(c.before(), c.after(), context));
            }
        }
        return out;
    }

    /** The rows from {@code before} to {@code after}, with {@code context} lines around changes (negative: all). */
    public static List<Line> rows(String before, String after, int context) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        Patch<String> patch = DiffUtils.diff(a, b);
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        List<AbstractDelta<String>> deltas = patch.getDeltas();
        for (int d = 0; d < deltas.size(); d++) {
            AbstractDelta<String> delta = deltas.get(d);
            int until = delta.getSource().getPosition();
            same(out, a, i, j, until - i, context, d == 0, false);
            j += until - i;
            i = until;
            List<String> src = delta.getSource().getLines();
            List<String> tgt = delta.getTarget().getLines();
            List<List<Span>> srcSpans = new ArrayList<>();
            List<List<Span>> tgtSpans = new ArrayList<>();
            for (int k = 0; k < src.size(); k++) {
                srcSpans.add(List.of());
            }
            for (int k = 0; k < tgt.size(); k++) {
                tgtSpans.add(List.of());
            }
            if (delta.getType() == DeltaType.CHANGE) {
                for (int k = 0; k < Math.min(src.size(), tgt.size()); k++) {
                    List<Span>[] spans = words(src.get(k), tgt.get(k));
                    srcSpans.set(k, spans[0]);
                    tgtSpans.set(k, spans[1]);
                }
            }
            for (int k = 0; k < src.size(); k++) {
                out.add(new Line(Kind.REMOVED, i + k + 1, 0, src.get(k), srcSpans.get(k), 0));
            }
            for (int k = 0; k < tgt.size(); k++) {
                out.add(new Line(Kind.ADDED, 0, j + k + 1, tgt.get(k), tgtSpans.get(k), 0));
            }
            i += src.size();
            j += tgt.size();
        }
        same(out, a, i, j, a.size() - i, context, deltas.isEmpty(), true);
        return out;
    }

    /** An unchanged run of {@code n} lines from {@code i}/{@code j}: its context kept, the middle folded. */
    private static void same(List<Line> out, List<String> a, int i, int j, int n, int context, boolean first, boolean last) {
        if (n <= 0) {
            return;
        }
        if (context < 0) {
            for (int k = 0; k < n; k++) {
                out.add(new Line(Kind.SAME, i + k + 1, j + k + 1, a.get(i + k), List.of(), 0));
            }
            return;
        }
        int head = first ? 0 : Math.min(context, n); // after the previous change
        int tail = last ? 0 : Math.min(context, n - head); // before the next change
        if (first && last) { // no change at all
            head = 0;
            tail = 0;
        }
        for (int k = 0; k < head; k++) {
            out.add(new Line(Kind.SAME, i + k + 1, j + k + 1, a.get(i + k), List.of(), 0));
        }
        int folded = n - head - tail;
        if (folded == 1) {
            out.add(new Line(Kind.SAME, i + head + 1, j + head + 1, a.get(i + head), List.of(), 0));
        } else if (folded > 1) {
            out.add(new Line(Kind.FOLD, i + head + 1, j + head + 1, "", List.of(), folded));
        }
        for (int k = n - tail; k < n; k++) {
            out.add(new Line(Kind.SAME, i + k + 1, j + k + 1, a.get(i + k), List.of(), 0));
        }
    }

    /** The changed word ranges of a line in its old and its new form. */
    @SuppressWarnings("unchecked")
    static List<Span>[] words(String before, String after) {
        List<int[]> ta = tokens(before);
        List<int[]> tb = tokens(after);
        List<String> wa = ta.stream().map(t -> before.substring(t[0], t[1])).toList();
        List<String> wb = tb.stream().map(t -> after.substring(t[0], t[1])).toList();
        List<Span> sa = new ArrayList<>();
        List<Span> sb = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(wa, wb).getDeltas()) {
            span(sa, ta, d.getSource().getPosition(), d.getSource().size());
            span(sb, tb, d.getTarget().getPosition(), d.getTarget().size());
        }
        return new List[] {sa, sb};
    }

    private static void span(List<Span> out, List<int[]> tokens, int from, int n) {
        if (n > 0) {
            out.add(new Span(tokens.get(from)[0], tokens.get(from + n - 1)[1]));
        }
    }

    private static List<int[]> tokens(String s) {
        List<int[]> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
