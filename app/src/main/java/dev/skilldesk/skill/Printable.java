package dev.skilldesk.skill;

/**
 * Text from outside (names, descriptions, paths, protocol fields) made safe to print, log or show: control
 * characters (C0 but tab and newline, DEL, C1), and the characters that reorder or hide text (bidirectional
 * embeddings, overrides and isolates, marks, the zero-width space, line and paragraph separators, the BOM, tag
 * characters) are written as {@code \}{@code uXXXX}. A terminal then shows the characters instead of obeying them: no
 * escape sequence clears the screen or sets the title, no carriage return forges a line, no override reverses one.
 * In JSON the escape is the same character, so JSON stays valid and means the same. Joiners (U+200C, U+200D) pass: emoji
 * and scripts need them, and they move nothing.
 */
public final class Printable {
    private Printable() {
    }

    /** Whether {@code cp} is shown escaped (with {@code keepNewlines}, tab and newline pass). */
    public static boolean escaped(int cp, boolean keepNewlines) {
        if (cp == '\n' || cp == '\t') {
            return !keepNewlines;
        }
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)
                || cp == 0x061C || cp == 0x180E
                || cp == 0x200B || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)
                || (cp >= 0xE0000 && cp <= 0xE007F);
    }

    /** {@code s} on one line: every escaped character, newlines and tabs included, as {@code \}{@code uXXXX}. */
    public static String line(String s) {
        return escape(s, false);
    }

    /** {@code s} with newlines and tabs kept and every other escaped character as {@code \}{@code uXXXX}. */
    public static String text(String s) {
        return escape(s, true);
    }

    /** Whether {@code s} holds a character {@link #line} would escape (a name from outside is refused for one). */
    public static boolean hasControl(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (escaped(cp, false)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (escaped(cp, keepNewlines)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (escaped(cp, keepNewlines)) {
                appendEscape(b, cp);
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** Appends {@code cp} as {@code \}{@code uXXXX} (a supplementary one as its two UTF-16 units). */
    public static void appendEscape(StringBuilder b, int cp) {
        for (char c : Character.toChars(cp)) {
            b.append(String.format("\\u%04x", (int) c));
        }
    }
}
