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

    /**
     * Sets a top-level scalar key (replacing its value, or adding it before the closing fence), in the style the value
     * was written in: a plain value stays plain while it can, a quoted one keeps its quotes, a block ({@code |} or
     * {@code >}) stays a block with its indent and, folded, its line width. So an edit of a few words changes the
     * lines those words are on, not the whole value.
     */
    public static String setScalar(String content, String key, String value) {
        Lines l = Lines.of(content);
        if (l.close < 0) {
            return content;
        }
        Pattern p = Pattern.compile("^" + Pattern.quote(key) + "\\s*:(.*)$");
        for (int i = l.open + 1; i < l.close; i++) {
            java.util.regex.Matcher m = p.matcher(l.lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int j = i + 1; // the value's continuation lines: indented, or blank inside a block
            while (j < l.close && (l.lines.get(j).startsWith(" ") || l.lines.get(j).startsWith("\t")
                    || l.lines.get(j).isBlank() && j + 1 < l.close && l.lines.get(j + 1).startsWith(" "))) {
                j++;
            }
            List<String> old = new ArrayList<>(l.lines.subList(i + 1, j));
            List<String> rendered = render(key, value, m.group(1).strip(), old);
            for (int k = j - 1; k >= i; k--) {
                l.lines.remove(k);
            }
            l.lines.addAll(i, rendered);
            return l.join();
        }
        l.lines.add(l.close, key + ": " + quote(value));
        return l.join();
    }

    /** {@code key: value} in the style of the value it replaces ({@code written}: what followed the colon). */
    private static List<String> render(String key, String value, String written, List<String> continuation) {
        boolean block = written.startsWith("|") || written.startsWith(">");
        if (block) {
            String indent = continuation.stream().filter(x -> !x.isBlank()).findFirst()
                    .map(x -> x.substring(0, x.length() - x.stripLeading().length())).orElse("  ");
            List<String> out = new ArrayList<>();
            out.add(key + ": " + written);
            if (written.startsWith("|")) {
                for (String line : value.split("\n", -1)) {
                    out.add(line.isEmpty() ? "" : indent + line);
                }
            } else {
                int width = Math.max(60, continuation.stream().mapToInt(x -> x.strip().length()).max().orElse(80));
                String[] paragraphs = value.split("\n", -1);
                for (int k = 0; k < paragraphs.length; k++) {
                    if (k > 0) {
                        out.add("");
                    }
                    out.addAll(wrap(paragraphs[k], width, indent, continuation));
                }
            }
            return out;
        }
        if (value.contains("\n")) {
            return List.of(key + ": " + doubleQuoted(value));
        }
        if (written.startsWith("'")) {
            return List.of(key + ": '" + value.replace("'", "''") + "'");
        }
        if (written.startsWith("\"")) {
            return List.of(key + ": " + doubleQuoted(value));
        }
        return List.of(key + ": " + quote(value));
    }

    /**
     * The words of {@code text} on lines of at most {@code width} characters; a line of the old value that the new text
     * still starts with at the same place is kept as it was, so a change in the middle rewraps from there only.
     */
    private static List<String> wrap(String text, int width, String indent, List<String> old) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        for (String was : old) {
            String w = was.strip();
            if (w.isEmpty() || !rest.startsWith(w) || rest.length() > w.length() && rest.charAt(w.length()) != ' ') {
                break;
            }
            out.add(indent + w);
            rest = rest.substring(w.length()).stripLeading();
        }
        StringBuilder line = new StringBuilder();
        for (String word : rest.isEmpty() ? new String[0] : rest.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(indent + line);
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0 || out.isEmpty()) {
            out.add(indent + line);
        }
        return out;
    }

    private static String doubleQuoted(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
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

    /**
     * The value as YAML writes it on one line: plain when YAML reads a plain value back as the same string (no
     * {@code ": "} or {@code " #"} inside, no indicator first, not a number, a boolean or a date), else double-quoted.
     */
    static String quote(String v) {
        boolean plain = !v.isEmpty() && v.equals(v.strip()) && "-?:,[]{}#&*!|>'\"%@`".indexOf(v.charAt(0)) < 0
                && !v.contains(": ") && !v.contains(" #") && !v.endsWith(":") && !v.contains("\n")
                && v.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
                && !v.matches("(?i)true|false|yes|no|on|off|y|n|null|~|[-+]?(\\.?[0-9][0-9_.,:]*|0x[0-9a-f]+|0o?[0-7]+|\\.inf|\\.nan)"
                        + "|\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");
        return plain ? v : doubleQuoted(v);
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
