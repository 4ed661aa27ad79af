package dev.skilldesk.ui.editor;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Style spans for a skill's other files, by their type: Markdown, YAML, JSON, Python, shell, JavaScript and TypeScript
 * (keywords, strings, comments, numbers, keys and headings); plain text for the rest. One pattern per type, in the
 * classes the editor's stylesheet colours ({@code code-keyword}, {@code code-string} …).
 */
final class CodeHighlighter {
    /** The kinds of file the editor knows, with what it shows in the tree and the status line. */
    enum Kind {
        MARKDOWN("Markdown"), YAML("YAML"), JSON("JSON"), PYTHON("Python"), SHELL("Shell"), SCRIPT("JavaScript / TypeScript"),
        TEXT("Text");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String STRINGS = "(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')";
    private static final String NUMBER = "(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)";

    private static final Pattern PYTHON = Pattern.compile("(?<COMMENT>#[^\\n]*)|(?<STRING3>\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?''')|"
            + STRINGS + "|(?<KEYWORD>\\b(?:def|class|return|if|elif|else|for|while|in|not|and|or|import|from|as|with|try|except"
            + "|finally|raise|yield|lambda|pass|break|continue|None|True|False|async|await|is|global|nonlocal)\\b)|" + NUMBER);
    private static final Pattern SHELL = Pattern.compile("(?<COMMENT>(?<![\\w$])#[^\\n]*)|" + STRINGS
            + "|(?<KEYWORD>\\b(?:if|then|else|elif|fi|for|in|do|done|while|until|case|esac|function|return|local|export|set"
            + "|echo|exit)\\b)|(?<KEY>\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?)|" + NUMBER);
    private static final Pattern SCRIPT = Pattern.compile("(?<COMMENT>//[^\\n]*|/\\*[\\s\\S]*?\\*/)|" + STRINGS
            + "|(?<STRING3>`(?:[^`\\\\]|\\\\.)*`)|(?<KEYWORD>\\b(?:const|let|var|function|return|if|else|for|while|of|in|new"
            + "|class|extends|import|from|export|default|async|await|try|catch|finally|throw|typeof|interface|type|null"
            + "|undefined|true|false)\\b)|" + NUMBER);
    private static final Pattern JSON = Pattern.compile("(?<KEY>\"(?:[^\"\\\\\\n]|\\\\.)*\"(?=\\s*:))|" + STRINGS
            + "|(?<KEYWORD>\\b(?:true|false|null)\\b)|(?<NUMBER>-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)");
    private static final Pattern YAML = Pattern.compile("(?<COMMENT>#[^\\n]*)|(?<KEY>^[ \\t-]*[A-Za-z0-9_.-]+(?=\\s*:))|"
            + STRINGS + "|" + NUMBER, Pattern.MULTILINE);
    private static final Pattern MARKDOWN = Pattern.compile("(?<STRING3>^```[\\s\\S]*?^```)|(?<HEADING>^#{1,6}[ \\t][^\\n]*)"
            + "|(?<STRING>`[^`\\n]+`)|(?<KEYWORD>\\*\\*[^*\\n]+\\*\\*)|(?<KEY>\\[[^\\]\\n]+\\]\\([^)\\n]+\\))", Pattern.MULTILINE);
    private static final String[] GROUPS = {"COMMENT", "STRING3", "STRING", "KEYWORD", "KEY", "NUMBER", "HEADING"};

    private CodeHighlighter() {
    }

    static Kind kindOf(String path) {
        String n = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String ext = n.contains(".") ? n.substring(n.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "md", "markdown", "mdx" -> Kind.MARKDOWN;
            case "yaml", "yml" -> Kind.YAML;
            case "json", "jsonl" -> Kind.JSON;
            case "py", "pyw" -> Kind.PYTHON;
            case "sh", "bash", "zsh", "ksh" -> Kind.SHELL;
            case "js", "mjs", "cjs", "ts", "tsx", "jsx", "mts", "cts" -> Kind.SCRIPT;
            default -> Kind.TEXT;
        };
    }

    /** The kind a text says it is by its first line (a {@code #!} script with no extension). */
    static Kind kindOf(String path, String text) {
        Kind k = kindOf(path);
        if (k == Kind.TEXT && text.startsWith("#!")) {
            String first = text.lines().findFirst().orElse("");
            if (first.contains("python")) {
                return Kind.PYTHON;
            }
            if (first.contains("node") || first.contains("deno") || first.contains("bun")) {
                return Kind.SCRIPT;
            }
            return Kind.SHELL;
        }
        return k;
    }

    static StyleSpans<Collection<String>> compute(Kind kind, String text) {
        Pattern p = switch (kind) {
            case MARKDOWN -> MARKDOWN;
            case YAML -> YAML;
            case JSON -> JSON;
            case PYTHON -> PYTHON;
            case SHELL -> SHELL;
            case SCRIPT -> SCRIPT;
            case TEXT -> null;
        };
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        if (p == null || text.length() > 2_000_000) {
            spans.add(Collections.emptyList(), text.length());
            return spans.create();
        }
        Matcher m = p.matcher(text);
        int last = 0;
        while (m.find()) {
            String style = null;
            for (String g : GROUPS) {
                try {
                    if (m.group(g) != null) {
                        style = "code-" + (g.equals("STRING3") ? "string" : g.toLowerCase(Locale.ROOT));
                        break;
                    }
                } catch (IllegalArgumentException notInThisPattern) {
                    // another type's group
                }
            }
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(style == null ? Collections.emptyList() : Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
