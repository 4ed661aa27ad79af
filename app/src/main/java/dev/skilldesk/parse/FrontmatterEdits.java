package dev.skilldesk.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Small, line-based edits of a SKILL.md's frontmatter that keep everything else as the author wrote
 * it (order, comments, quoting of other keys). Used by the editor's form and the library's tag action.
 */
public final class FrontmatterEdits {
    private FrontmatterEdits() {
    }

    /** Sets a top-level scalar key (replacing its line, or adding it before the closing fence). */
    public static String setScalar(String content, String key, String value) {
        Lines l = Lines.of(content);
        if (l.close < 0) {
            return content;
        }
        String line = key + ": " + quote(value);
        Pattern p = Pattern.compile("^" + Pattern.quote(key) + "\\s*:.*$");
        for (int i = l.open + 1; i < l.close; i++) {
            if (p.matcher(l.lines.get(i)).matches()) {
                // drop continuation lines of a folded/multi-line value
                int j = i + 1;
                while (j < l.close && (l.lines.get(j).startsWith(" ") || l.lines.get(j).startsWith("\t"))
                        && !l.lines.get(i).strip().endsWith(":")) {
                    j++;
                }
                for (int k = j - 1; k > i; k--) {
                    l.lines.remove(k);
                }
                l.lines.set(i, line);
                return l.join();
            }
        }
        l.lines.add(l.close, line);
        return l.join();
    }

    /** Sets {@code metadata.tags} (adding a {@code metadata:} block when there is none). */
    public static String setTags(String content, List<String> tags) {
        Lines l = Lines.of(content);
        if (l.close < 0) {
            return content;
        }
        String joined = String.join(", ", tags);
        String value = "tags: " + (tags.size() > 1 && joined.matches("[\\w ,.-]+") ? joined : quote(joined));
        for (int i = l.open + 1; i < l.close; i++) {
            if (l.lines.get(i).matches("^tags\\s*:.*$")) { // top-level tags (Claude Code's habit) are read first: set them
                l.lines.set(i, value);
                while (i + 1 < l.close && l.lines.get(i + 1).matches("^\\s+-.*$")) { // a block list under the key
                    l.lines.remove(i + 1);
                }
                return l.join();
            }
        }
        for (int i = l.open + 1; i < l.close; i++) {
            if (l.lines.get(i).matches("^metadata\\s*:\\s*$")) {
                // the tags line takes the indentation of the mapping's own keys (a file may indent by 4, or a tab)
                String indent = "  ";
                for (int j = i + 1; j < l.close && (l.lines.get(j).startsWith(" ") || l.lines.get(j).startsWith("\t")); j++) {
                    String line = l.lines.get(j);
                    if (j == i + 1) {
                        indent = line.substring(0, line.length() - line.stripLeading().length());
                    }
                    if (line.matches("^\\s+tags\\s*:.*$")) {
                        l.lines.set(j, line.substring(0, line.length() - line.stripLeading().length()) + value);
                        return l.join();
                    }
                }
                l.lines.add(i + 1, indent + value);
                return l.join();
            }
        }
        l.lines.add(l.close, "  " + value);
        l.lines.add(l.close, "metadata:");
        return l.join();
    }

    /** {@code v} as a YAML scalar: as it is when YAML reads it back unchanged, else double-quoted. */
    public static String yamlScalar(String v) {
        return quote(v);
    }

    static String quote(String v) {
        if (v.isEmpty() || v.matches(".*[:#\\[\\]{}&*!|>'\"%@`,].*") || !v.equals(v.strip())
                || v.matches("(?i)true|false|yes|no|null|~|[-+]?[0-9.]+")) {
            return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return v;
    }

    /** The file split into lines, keeping its line separator. */
    private static final class Lines {
        final List<String> lines;
        final String sep;
        final String bom;
        final int open;
        final int close;

        private Lines(List<String> lines, String sep, String bom, int open, int close) {
            this.lines = lines;
            this.sep = sep;
            this.bom = bom;
            this.open = open;
            this.close = close;
        }

        static Lines of(String content) {
            String bom = content.startsWith("\uFEFF") ? "\uFEFF" : "";
            String text = content.substring(bom.length());
            String sep = text.contains("\r\n") ? "\r\n" : "\n";
            List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
            int open = !lines.isEmpty() && lines.get(0).strip().equals("---") ? 0 : -1;
            int close = -1;
            if (open == 0) {
                for (int i = 1; i < lines.size(); i++) {
                    if (lines.get(i).strip().equals("---")) {
                        close = i;
                        break;
                    }
                }
            }
            return new Lines(lines, sep, bom, open, close);
        }

        String join() {
            return bom + String.join(sep, lines);
        }
    }
}
