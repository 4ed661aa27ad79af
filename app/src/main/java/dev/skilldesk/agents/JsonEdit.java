package dev.skilldesk.agents;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits one member of a JSON (or JSON-with-comments) settings file and leaves every other byte as it was: the text is
 * read into spans (where each object, member, array and value starts and ends), and an edit replaces, inserts or
 * deletes only the text of that member, in the file's own indentation. Inserting a member and removing it again gives
 * the bytes back exactly; removing the last member of an object the edit path leads to removes that object too.
 * A text that does not parse is refused with its line, column and what was expected ({@link Malformed}).
 */
public final class JsonEdit {
    /** The text does not parse: where, and what was expected there. */
    public static final class Malformed extends Exception {
        private final int line;
        private final int column;

        Malformed(String text, int at, String expected) {
            super(expected);
            int l = 1;
            int c = 1;
            for (int i = 0; i < at && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    l++;
                    c = 1;
                } else {
                    c++;
                }
            }
            this.line = l;
            this.column = c;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** A value's span; an object's members or an array's elements. */
    static final class Node {
        final char kind; // '{', '[', '"', or 'v' for numbers, true, false, null
        final int start;
        int end;
        final List<Member> members = new ArrayList<>();
        final List<Node> elements = new ArrayList<>();
        String string; // a string's value

        Node(char kind, int start) {
            this.kind = kind;
            this.start = start;
        }

        Member member(String key) {
            for (Member m : members) {
                if (m.key.equals(key)) {
                    return m;
                }
            }
            return null;
        }
    }

    record Member(String key, int start, Node value) {
        int end() {
            return value.end;
        }
    }

    private final String text;
    private final Node root;

    private JsonEdit(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Reads {@code text}, whose top level must be an object (an empty or blank text is read as {@code {}}). */
    public static JsonEdit of(String text) throws Malformed {
        if (text.isBlank()) {
            return new JsonEdit("{}\n", new Parser("{}\n").document());
        }
        return new JsonEdit(text, new Parser(text).document());
    }

    public String text() {
        return text;
    }

    /** The string value at {@code path} (objects, then the member), or null when absent or not a string. */
    public String string(String... path) {
        Node n = find(path);
        return n != null && n.kind == '"' ? n.string : null;
    }

    /** The string elements of the array at {@code path}, or an empty list. */
    public List<String> strings(String... path) {
        Node n = find(path);
        List<String> out = new ArrayList<>();
        if (n != null && n.kind == '[') {
            for (Node e : n.elements) {
                if (e.kind == '"') {
                    out.add(e.string);
                }
            }
        }
        return out;
    }

    /** The member keys of the object at {@code path} with their string values (others skipped). */
    public java.util.Map<String, String> stringMembers(String... path) {
        Node n = path.length == 0 ? root : find(path);
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (n != null && n.kind == '{') {
            for (Member m : n.members) {
                if (m.value.kind == '"') {
                    out.put(m.key, m.value.string);
                }
            }
        }
        return out;
    }

    private Node find(String... path) {
        Node n = root;
        for (String k : path) {
            if (n.kind != '{') {
                return null;
            }
            Member m = n.member(k);
            if (m == null) {
                return null;
            }
            n = m.value;
        }
        return n;
    }

    /**
     * Sets the member {@code key} of the object at {@code objects} (made when missing) to the string {@code value}:
     * its value replaced when it is there, else a member added after the last one.
     */
    public String setString(List<String> objects, String key, String value) throws Malformed {
        return set(objects, key, quote(value));
    }

    private String set(List<String> objects, String key, String rawValue) throws Malformed {
        Node n = root;
        for (int i = 0; i < objects.size(); i++) {
            Member m = n.member(objects.get(i));
            if (m == null) {
                // build the rest of the path as nested objects, innermost holding the member
                String inner = quote(key) + ": " + rawValue;
                for (int j = objects.size() - 1; j > i; j--) {
                    inner = quote(objects.get(j)) + ": " + block(inner, depth(n) + 1 + (j - i));
                }
                return insert(n, quote(objects.get(i)) + ": " + block(inner, depth(n) + 1));
            }
            if (m.value.kind != '{') {
                throw new Malformed(text, m.value.start, "\"" + objects.get(i) + "\" to be an object");
            }
            n = m.value;
        }
        Member m = n.member(key);
        if (m != null) {
            return text.substring(0, m.value.start) + rawValue + text.substring(m.value.end);
        }
        return insert(n, quote(key) + ": " + rawValue);
    }

    /** Removes the member {@code key} of the object at {@code objects}, and each object of the path it leaves empty. */
    public String remove(List<String> objects, String key) {
        List<Node> chain = new ArrayList<>();
        Node n = root;
        chain.add(n);
        for (String k : objects) {
            Member m = n.member(k);
            if (m == null || m.value.kind != '{') {
                return text;
            }
            n = m.value;
            chain.add(n);
        }
        Member target = n.member(key);
        if (target == null) {
            return text;
        }
        // climb while the member removed is an object's only one
        int level = chain.size() - 1;
        while (level > 0 && chain.get(level).members.size() == 1) {
            target = chain.get(level - 1).member(objects.get(level - 1));
            level--;
        }
        return cut(chain.get(level), target);
    }

    /** Adds the string {@code value} to the array {@code key} of the object at {@code objects} (made when missing). */
    public String addToArray(List<String> objects, String key, String value) throws Malformed {
        Node n = find(concat(objects, key));
        if (n == null) {
            return set(objects, key, "[" + quote(value) + "]");
        }
        if (n.kind != '[') {
            throw new Malformed(text, n.start, "\"" + key + "\" to be an array");
        }
        if (n.elements.isEmpty()) {
            return text.substring(0, n.start + 1) + quote(value) + text.substring(n.end - 1);
        }
        Node last = n.elements.get(n.elements.size() - 1);
        String sep = ", ";
        if (n.elements.size() > 1 || text.substring(n.start, last.start).contains("\n")) {
            Node prev = n.elements.size() > 1 ? n.elements.get(n.elements.size() - 2) : null;
            String between = prev == null ? text.substring(n.start + 1, last.start) : text.substring(prev.end, last.start);
            sep = between.contains("\n") ? "," + between.substring(between.lastIndexOf('\n')) : ", ";
        }
        return text.substring(0, last.end) + sep + quote(value) + text.substring(last.end);
    }

    /**
     * Removes the elements of the array {@code key} at {@code objects} equal to {@code value} (ignoring case when
     * {@code ignoreCase}); an array left empty is removed with each object of the path it leaves empty.
     */
    public String removeFromArray(List<String> objects, String key, String value, boolean ignoreCase) {
        Node n = find(concat(objects, key));
        if (n == null || n.kind != '[') {
            return text;
        }
        List<Node> keep = new ArrayList<>();
        for (Node e : n.elements) {
            boolean match = e.kind == '"' && (ignoreCase ? e.string.equalsIgnoreCase(value) : e.string.equals(value));
            if (!match) {
                keep.add(e);
            }
        }
        if (keep.size() == n.elements.size()) {
            return text;
        }
        if (keep.isEmpty()) {
            return remove(objects, key);
        }
        // cut the matches one at a time, from the end, each with its separator
        String t = text;
        for (int i = n.elements.size() - 1; i >= 0; i--) {
            Node e = n.elements.get(i);
            if (keep.contains(e)) {
                continue;
            }
            if (i > 0) {
                t = t.substring(0, n.elements.get(i - 1).end) + t.substring(e.end);
            } else {
                t = t.substring(0, e.start) + t.substring(n.elements.get(1).start);
            }
        }
        return t;
    }

    private static String[] concat(List<String> objects, String key) {
        List<String> p = new ArrayList<>(objects);
        p.add(key);
        return p.toArray(String[]::new);
    }

    /** Deletes {@code m} from {@code o} with the separator that goes with it. */
    private String cut(Node o, Member m) {
        int i = o.members.indexOf(m);
        if (o.members.size() == 1) {
            return text.substring(0, o.start + 1) + text.substring(o.end - 1);
        }
        if (i > 0) {
            return text.substring(0, o.members.get(i - 1).end()) + text.substring(m.end());
        }
        return text.substring(0, m.start()) + text.substring(o.members.get(1).start());
    }

    /** Inserts a member's text after the last member of {@code o}, on its own line in the file's indentation. */
    private String insert(Node o, String member) {
        if (o.members.isEmpty()) {
            String inside = text.substring(o.start + 1, o.end - 1);
            if (o == root || inside.contains("\n")) {
                String outer = lineIndent(o.start);
                return text.substring(0, o.start + 1) + "\n" + outer + unit() + member + "\n" + outer + text.substring(o.end - 1);
            }
            return text.substring(0, o.start + 1) + member + text.substring(o.end - 1);
        }
        Member last = o.members.get(o.members.size() - 1);
        String before = o.members.size() > 1 ? text.substring(o.members.get(o.members.size() - 2).end(), last.start())
                : text.substring(o.start + 1, last.start());
        if (!before.contains("\n")) {
            return text.substring(0, last.end()) + ", " + member + text.substring(last.end());
        }
        String indent = before.substring(before.lastIndexOf('\n') + 1);
        return text.substring(0, last.end()) + ",\n" + indent + member + text.substring(last.end());
    }

    /** A new object holding {@code member}, laid out as the file lays out its objects, at nesting {@code depth}. */
    private String block(String member, int depth) {
        String outer = unit().repeat(Math.max(0, depth));
        return "{\n" + outer + unit() + member + "\n" + outer + "}";
    }

    private int depth(Node target) {
        return depthOf(root, target, 0);
    }

    private int depthOf(Node at, Node target, int d) {
        if (at == target) {
            return d;
        }
        for (Member m : at.members) {
            int r = depthOf(m.value, target, d + 1);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    /** The file's indentation step: that of its first member, else two spaces. */
    private String unit() {
        if (!root.members.isEmpty()) {
            String ind = lineIndent(root.members.get(0).start());
            if (!ind.isEmpty() && text.substring(root.start + 1, root.members.get(0).start()).contains("\n")) {
                return ind;
            }
        }
        return "  ";
    }

    private String lineIndent(int at) {
        int ls = text.lastIndexOf('\n', at - 1) + 1;
        int i = ls;
        while (i < at && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(ls, i);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A strict JSON reader that also skips {@code //} and {@code /* *\/} comments, keeping spans. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Node document() throws Malformed {
            if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
                i = 1;
            }
            skip();
            if (i >= s.length() || s.charAt(i) != '{') {
                throw new Malformed(s, i, "the settings to be a JSON object, starting with '{'");
            }
            Node n = value(0);
            skip();
            if (i < s.length()) {
                throw new Malformed(s, i, "nothing after the closing '}'");
            }
            return n;
        }

        private Node value(int depth) throws Malformed {
            if (depth > 64) {
                throw new Malformed(s, i, "nesting no deeper than 64");
            }
            skip();
            if (i >= s.length()) {
                throw new Malformed(s, i, "a value, not the end of the file");
            }
            char c = s.charAt(i);
            if (c == '{') {
                Node n = new Node('{', i++);
                skip();
                if (peek() == '}') {
                    n.end = ++i;
                    return n;
                }
                while (true) {
                    skip();
                    int ms = i;
                    if (peek() != '"') {
                        throw new Malformed(s, i, "a member name in double quotes");
                    }
                    String key = string();
                    skip();
                    if (peek() != ':') {
                        throw new Malformed(s, i, "':' after the member name");
                    }
                    i++;
                    Node v = value(depth + 1);
                    n.members.add(new Member(key, ms, v));
                    skip();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    if (peek() == '}') {
                        n.end = ++i;
                        return n;
                    }
                    throw new Malformed(s, i, "',' or '}' after a member");
                }
            }
            if (c == '[') {
                Node n = new Node('[', i++);
                skip();
                if (peek() == ']') {
                    n.end = ++i;
                    return n;
                }
                while (true) {
                    n.elements.add(value(depth + 1));
                    skip();
                    if (peek() == ',') {
                        i++;
                        continue;
                    }
                    if (peek() == ']') {
                        n.end = ++i;
                        return n;
                    }
                    throw new Malformed(s, i, "',' or ']' after an element");
                }
            }
            if (c == '"') {
                Node n = new Node('"', i);
                n.string = string();
                n.end = i;
                return n;
            }
            int st = i;
            while (i < s.length() && "+-0123456789.eEtruefalsn".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String lit = s.substring(st, i);
            if (!(lit.equals("true") || lit.equals("false") || lit.equals("null")
                    || lit.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))) {
                throw new Malformed(s, st, "a value (an object, array, string, number, true, false or null)");
            }
            Node n = new Node('v', st);
            n.end = i;
            return n;
        }

        private String string() throws Malformed {
            int st = i++;
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case '"', '\\', '/' -> b.append(e);
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                                throw new Malformed(s, i - 2, "four hex digits after \\u");
                            }
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> throw new Malformed(s, i - 2, "a valid escape after '\\'");
                    }
                } else if (c < 0x20) {
                    throw new Malformed(s, i - 1, "no control character inside a string");
                } else {
                    b.append(c);
                }
            }
            throw new Malformed(s, st, "the string to be closed with '\"'");
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void skip() throws Malformed {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                    int end = s.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new Malformed(s, i, "the comment to be closed with '*/'");
                    }
                    i = end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
