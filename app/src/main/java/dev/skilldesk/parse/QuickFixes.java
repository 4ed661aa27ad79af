package dev.skilldesk.parse;

import dev.skilldesk.skill.ValidationIssue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quick fixes for the findings an author meets most: a name that breaks the format or differs from its
 * folder, a frontmatter that is never closed, a description over the limit, a key the spec does not know,
 * and a value YAML misreads because of a ": " inside it. Each fix is the whole text with one edit made, so
 * the editor applies it as one undoable change.
 */
public final class QuickFixes {
    /** A fix: what the button says, and the text after it. */
    public record Fix(String label, String content) {
    }

    private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:(.*)$");
    private static final Pattern NAME_LINE = Pattern.compile("^name\\s*:.*$");

    private QuickFixes() {
    }

    /** The fix for {@code issue} in {@code content}, if there is one ({@code folder}: the skill's folder name, or null). */
    public static Optional<Fix> forIssue(String content, ValidationIssue issue, String folder) {
        return switch (issue.ruleId()) {
            case Rules.NAME_FORMAT -> renameTo(content, slug(nameIn(content)));
            case Rules.NAME_FOLDER_MISMATCH -> folder == null ? Optional.empty() : renameTo(content, folder);
            case Rules.FRONTMATTER_UNCLOSED -> close(content);
            case Rules.DESCRIPTION_TOO_LONG -> shortenDescription(content);
            case Rules.FRONTMATTER_UNKNOWN_KEY -> moveUnderMetadata(content, issue.line());
            case Rules.FRONTMATTER_SYNTAX, Rules.FRONTMATTER_NEEDS_QUOTES -> quoteValue(content, issue.line());
            case Rules.NAME_RESERVED -> renameTo(content, slug(nameIn(content) + "-skill"));
            default -> Optional.empty();
        };
    }

    private static String nameIn(String content) {
        ParsedSkillMd p = new SkillMdParser().parse(content);
        String n = p.string("name");
        return n == null ? "" : n;
    }

    /** A name made to follow the format: lowercase, other characters as single hyphens, at most 64. */
    public static String slug(String s) {
        String out = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (out.length() > Limits.NAME_MAX) {
            out = out.substring(0, Limits.NAME_MAX).replaceAll("-+$", "");
        }
        return out;
    }

    private static Optional<Fix> renameTo(String content, String name) {
        if (name == null || name.isEmpty() || SkillValidator.nameProblem(name) != null) {
            return Optional.empty();
        }
        String edited = FrontmatterEdits.setScalar(content, "name", name);
        return edited.equals(content) ? Optional.empty() : Optional.of(new Fix("Rename to '" + name + "'", edited));
    }

    /** Closes the frontmatter after its last line that reads as YAML (a key, an indented or list line). */
    private static Optional<Fix> close(String content) {
        List<String> lines = lines(content);
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return Optional.empty();
        }
        int last = 0;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (KEY_LINE.matcher(l).matches() || (!l.isBlank() && (l.startsWith(" ") || l.startsWith("\t")
                    || l.startsWith("- ")))) {
                last = i;
            } else {
                break;
            }
        }
        if (last == 0) {
            return Optional.empty();
        }
        lines.add(last + 1, "---");
        return Optional.of(new Fix("Close the frontmatter after line " + (last + 1), join(content, lines)));
    }

    /** Cuts the description to the limit, at the last sentence end (or word) that fits. */
    private static Optional<Fix> shortenDescription(String content) {
        ParsedSkillMd p = new SkillMdParser().parse(content);
        String d = p.string("description");
        if (d == null || d.length() <= Limits.DESCRIPTION_MAX) {
            return Optional.empty();
        }
        String cut = d.substring(0, Limits.DESCRIPTION_MAX);
        int sentence = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\n"));
        if (cut.endsWith(".")) {
            sentence = cut.length() - 1;
        }
        if (sentence > Limits.DESCRIPTION_MAX / 2) {
            cut = cut.substring(0, sentence + 1);
        } else {
            int space = cut.lastIndexOf(' ');
            cut = (space > 0 ? cut.substring(0, space) : cut).strip();
        }
        return Optional.of(new Fix("Shorten the description to " + cut.length() + " characters",
                FrontmatterEdits.setScalar(content, "description", cut)));
    }

    /** Moves a single-line {@code key: value} into the {@code metadata:} block, where any key is allowed. */
    private static Optional<Fix> moveUnderMetadata(String content, int line) {
        List<String> lines = lines(content);
        int close = closeOf(lines);
        if (line < 2 || close < 0 || line - 1 >= close) {
            return Optional.empty();
        }
        String l = lines.get(line - 1);
        Matcher m = KEY_LINE.matcher(l);
        if (!m.matches() || m.group(2).isBlank() || (line < close && lines.get(line).startsWith(" "))) {
            return Optional.empty(); // a block value: moving it is for the author to do
        }
        String key = m.group(1);
        lines.remove(line - 1);
        close--;
        int metadata = -1;
        for (int i = 1; i < close; i++) {
            if (lines.get(i).matches("^metadata\\s*:\\s*$")) {
                metadata = i;
            }
        }
        String moved = "  " + key + ":" + m.group(2);
        if (metadata >= 0) {
            lines.add(metadata + 1, moved);
        } else {
            lines.add(close, moved);
            lines.add(close, "metadata:");
        }
        return Optional.of(new Fix("Move '" + key + "' under metadata:", join(content, lines)));
    }

    /** Quotes the value of a {@code key: value} line that YAML misread (a ": " or "#" inside it). */
    private static Optional<Fix> quoteValue(String content, int line) {
        List<String> lines = lines(content);
        if (line < 2 || line > lines.size()) {
            return Optional.empty();
        }
        for (int i = line - 1; i >= 1 && i >= line - 2; i--) { // the mark can be on the line after
            Matcher m = KEY_LINE.matcher(lines.get(i));
            if (m.matches()) {
                String value = m.group(2).strip();
                if (value.isEmpty() || value.startsWith("\"") || value.startsWith("'")) {
                    return Optional.empty();
                }
                lines.set(i, m.group(1) + ": \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                return Optional.of(new Fix("Quote the value of '" + m.group(1) + "' (line " + (i + 1) + ")",
                        join(content, lines)));
            }
        }
        return Optional.empty();
    }

    private static int closeOf(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return -1;
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(String content) {
        return new ArrayList<>(List.of(content.split("\r?\n", -1)));
    }

    private static String join(String original, List<String> lines) {
        return String.join(original.contains("\r\n") ? "\r\n" : "\n", lines);
    }
}
