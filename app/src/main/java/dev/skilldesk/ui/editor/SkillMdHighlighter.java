package dev.skilldesk.ui.editor;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Style spans for a SKILL.md: YAML frontmatter (fences, keys, values, comments) and markdown. */
final class SkillMdHighlighter {
    private static final Pattern FRONTMATTER = Pattern.compile("\\A\uFEFF?(---\\r?\\n)([\\s\\S]*?)(\\r?\\n---)(?=\\r?\\n|\\z)");
    private static final Pattern YAML = Pattern.compile(
            "(?<COMMENT>#[^\\n]*)|(?<KEY>^[ \\t]*[A-Za-z0-9_.-]+(?=\\s*:))|(?<STRING>\"[^\"\\n]*\"|'[^'\\n]*')",
            Pattern.MULTILINE);
    private static final Pattern MARKDOWN = Pattern.compile(
            "(?<FENCE>^```[\\s\\S]*?^```)|(?<HEADING>^#{1,6}[ \\t][^\\n]*)|(?<CODE>`[^`\\n]+`)"
                    + "|(?<BOLD>\\*\\*[^*\\n]+\\*\\*)|(?<LIST>^[ \\t]*(?:[-*+]|\\d+\\.)(?=[ \\t]))|(?<LINK>\\[[^\\]\\n]+\\]\\([^)\\n]+\\))",
            Pattern.MULTILINE);

    private SkillMdHighlighter() {
    }

    static StyleSpans<Collection<String>> compute(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int pos = 0;
        Matcher fm = FRONTMATTER.matcher(text);
        if (fm.find()) {
            spans.add(Collections.emptyList(), fm.start(1));
            spans.add(Collections.singleton("fm-fence"), fm.end(1) - fm.start(1));
            pos = addMatches(spans, YAML, text, fm.start(2), fm.end(2), "yaml-");
            spans.add(Collections.singleton("fm-fence"), fm.end(3) - fm.start(3));
            pos = fm.end(3);
        }
        addMatches(spans, MARKDOWN, text, pos, text.length(), "md-");
        return spans.create();
    }

    private static int addMatches(StyleSpansBuilder<Collection<String>> spans, Pattern p, String text, int from, int to,
                                  String prefix) {
        Matcher m = p.matcher(text).region(from, to);
        int last = from;
        while (m.find()) {
            String group = null;
            for (String g : new String[] {"COMMENT", "KEY", "STRING", "FENCE", "HEADING", "CODE", "BOLD", "LIST", "LINK"}) {
                try {
                    if (m.group(g) != null) {
                        group = g;
                        break;
                    }
                } catch (IllegalArgumentException notInThisPattern) {
                    // the other pattern's group
                }
            }
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(Collections.singleton(prefix + group.toLowerCase()), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), to - last);
        return to;
    }
}
