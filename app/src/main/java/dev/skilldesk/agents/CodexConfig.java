package dev.skilldesk.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code [[skills.config]]} tables of Codex's {@code config.toml} ({@code path} or {@code name}, and
 * {@code enabled}), read and edited as lines: a table is added at the end or removed whole, an {@code enabled}
 * value is changed in place, and every other byte of the file stays as it was. Skills configured any other way
 * (an inline {@code skills.config = [...]}) are not edited: the file is refused with its line.
 */
final class CodexConfig {
    /** One {@code [[skills.config]]} table: its lines (start inclusive, end exclusive) and its keys. */
    record Entry(int startLine, int endLine, String path, String name, Boolean enabled, int enabledLine) {
        boolean matches(String selectorPath, String selectorName) {
            return selectorPath != null ? selectorPath.equals(path) && name == null
                    : selectorName != null && selectorName.equals(name) && path == null;
        }
    }

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\[\\s*skills\\s*\\.\\s*config\\s*]]\\s*(#.*)?$");
    private static final Pattern ANY_HEADER = Pattern.compile("^\\s*\\[.*$");
    private static final Pattern KEY = Pattern.compile("^\\s*(path|name|enabled)\\s*=\\s*(.*?)\\s*(#[^\"']*)?$");
    private static final String NAME = "\\s*[A-Za-z0-9_\\-\"'. ]+\\s*";
    private static final Pattern TABLE = Pattern.compile("^(\\[" + NAME + "]|\\[\\[" + NAME + "]])\\s*(#.*)?$");
    private static final Pattern ASSIGN = Pattern.compile("^[A-Za-z0-9_\\-\"'. ]+=.*$");

    /** Walks a value's text: {in a multi-line string (1/0), brackets still open}; comments and strings skipped. */
    private static int[] scan(String v, boolean inString, int open) {
        int i = 0;
        while (i < v.length()) {
            if (inString) {
                int end = v.indexOf("\"\"\"", i);
                int end2 = v.indexOf("\'\'\'", i);
                int e = end < 0 ? end2 : end2 < 0 ? end : Math.min(end, end2);
                if (e < 0) {
                    return new int[] {1, open};
                }
                inString = false;
                i = e + 3;
                continue;
            }
            char c = v.charAt(i);
            if (v.startsWith("\"\"\"", i) || v.startsWith("\'\'\'", i)) {
                inString = true;
                i += 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < v.length() && v.charAt(j) != c) {
                    j += c == '"' && v.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else if (c == '#') {
                break;
            } else {
                if (c == '[' || c == '{') {
                    open++;
                } else if (c == ']' || c == '}') {
                    open = Math.max(0, open - 1);
                }
                i++;
            }
        }
        return new int[] {inString ? 1 : 0, open};
    }

    private static final Pattern INLINE = Pattern.compile("^\\s*(skills\\s*\\.\\s*)?config\\s*=\\s*\\[.*$");

    private final String text;
    private final List<String> lines;
    private final List<Entry> entries = new ArrayList<>();

    CodexConfig(String text) throws JsonEdit.Malformed {
        this.text = text;
        this.lines = List.of(text.split("\n", -1));
        String table = "";
        int open = 0; // brackets and braces of a value still open (a multi-line array)
        boolean inString = false; // inside a multi-line string
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String t = l.strip();
            if (inString || open > 0) {
                int[] st = scan(t, inString, open);
                inString = st[0] == 1;
                open = st[1];
                continue;
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[") && !TABLE.matcher(t).matches()) {
                throw new JsonEdit.Malformed(text, offset(i), "a table header such as [name] or [[name]]; the file does not"
                        + " parse as TOML");
            }
            if (!t.startsWith("[")) {
                if (!ASSIGN.matcher(t).matches()) {
                    throw new JsonEdit.Malformed(text, offset(i), "key = value; the file does not parse as TOML");
                }
                int[] st = scan(t.substring(t.indexOf('=') + 1), false, 0);
                inString = st[0] == 1;
                open = st[1];
            }
            if (HEADER.matcher(l).matches()) {
                entries.add(read(i));
                table = "skills.config";
            } else if (ANY_HEADER.matcher(l).matches()) {
                table = l.strip();
            } else if (INLINE.matcher(l).matches() && (table.equals("[skills]") || l.strip().startsWith("skills"))) {
                throw new JsonEdit.Malformed(text, offset(i), "[[skills.config]] tables; this file sets skills.config"
                        + " inline, which SkillDesk does not edit");
            }
        }
    }

    List<Entry> entries() {
        return entries;
    }

    private Entry read(int start) throws JsonEdit.Malformed {
        int end = start + 1;
        while (end < lines.size() && !ANY_HEADER.matcher(lines.get(end)).matches()) {
            end++;
        }
        while (end > start + 1 && lines.get(end - 1).isBlank()) {
            end--; // blank lines before the next table are not this one's
        }
        String path = null;
        String name = null;
        Boolean enabled = null;
        int enabledLine = -1;
        for (int i = start + 1; i < end; i++) {
            Matcher m = KEY.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String v = m.group(2);
            switch (m.group(1)) {
                case "path" -> path = string(v, i);
                case "name" -> name = string(v, i);
                default -> {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new JsonEdit.Malformed(text, offset(i), "enabled = true or false");
                    }
                    enabled = Boolean.valueOf(v);
                    enabledLine = i;
                }
            }
        }
        return new Entry(start, end, path, name, enabled, enabledLine);
    }

    private String string(String v, int line) throws JsonEdit.Malformed {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            try {
                return JsonEdit.of("{\"v\": " + v + "}").string("v");
            } catch (JsonEdit.Malformed e) {
                throw new JsonEdit.Malformed(text, offset(line), "a TOML string");
            }
        }
        throw new JsonEdit.Malformed(text, offset(line), "a quoted TOML string");
    }

    private int offset(int line) {
        int o = 0;
        for (int i = 0; i < line; i++) {
            o += lines.get(i).length() + 1;
        }
        return o;
    }

    /** Whether a rule switches off the skill at {@code skillMd} named {@code name} (the last rule for it wins). */
    boolean disabled(String skillMd, String name) {
        Boolean byPath = null;
        Boolean byName = null;
        for (Entry e : entries) {
            if (e.enabled() == null) {
                continue;
            }
            if (e.path() != null && e.name() == null && e.path().equals(skillMd)) {
                byPath = e.enabled();
            } else if (e.name() != null && e.path() == null && e.name().equals(name)) {
                byName = e.enabled();
            }
        }
        return Boolean.FALSE.equals(byPath) || Boolean.FALSE.equals(byName);
    }

    /** The text with the selector switched off: an entry's {@code enabled} set, else a table added at the end. */
    String disable(String selectorPath, String selectorName) {
        for (Entry e : entries) {
            if (e.matches(selectorPath, selectorName)) {
                if (Boolean.FALSE.equals(e.enabled())) {
                    return text;
                }
                if (e.enabledLine() >= 0) {
                    List<String> out = new ArrayList<>(lines);
                    out.set(e.enabledLine(), lines.get(e.enabledLine()).replaceFirst("\\btrue\\b", "false"));
                    return String.join("\n", out);
                }
            }
        }
        String sel = selectorPath != null ? "path = " + JsonEdit.quote(selectorPath) : "name = " + JsonEdit.quote(selectorName);
        String table = "[[skills.config]]\n" + sel + "\nenabled = false\n";
        if (text.isEmpty()) {
            return table;
        }
        return text + (text.endsWith("\n") ? "\n" : "\n\n") + table;
    }

    /** The text with the selector's tables that switch it off removed (with the blank line before each). */
    String enable(String selectorPath, String selectorName) {
        List<String> out = new ArrayList<>(lines);
        for (int k = entries.size() - 1; k >= 0; k--) {
            Entry e = entries.get(k);
            if (!e.matches(selectorPath, selectorName) || !Boolean.FALSE.equals(e.enabled())) {
                continue;
            }
            int from = e.startLine();
            int to = e.endLine();
            if (from > 0 && out.get(from - 1).isEmpty()) {
                from--; // the blank line disable() put before it
            }
            out.subList(from, to).clear();
        }
        String t = String.join("\n", out);
        return t.equals("\n") ? "" : t;
    }
}
