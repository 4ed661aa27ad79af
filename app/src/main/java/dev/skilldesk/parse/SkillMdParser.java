package dev.skilldesk.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a SKILL.md into a {@link ParsedSkillMd}. Accepts LF and CRLF line ends and a leading BOM.
 * Never throws for bad input: what cannot be read becomes a problem with a rule id and a line.
 */
public final class SkillMdParser {
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z0-9_][A-Za-z0-9_.-]*)\\s*:");
    private static final Pattern CORE_HEADING = Pattern.compile("(?im)^##\\s+core instructions\\s*$");
    private static final Pattern NEXT_HEADING = Pattern.compile("(?m)^#{1,2}\\s");
    private static final ObjectMapper JSON = new ObjectMapper();

    public ParsedSkillMd parse(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        text = text.replace("\r\n", "\n");
        List<String> lines = List.of(text.split("\n", -1));
        List<ValidationIssue> problems = new ArrayList<>();

        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            return parseFrontmatter(lines, problems);
        }
        if (!lines.isEmpty() && lines.get(0).strip().equalsIgnoreCase("```json")) {
            return parseJsonBlock(lines, problems);
        }
        problems.add(new ValidationIssue(Rules.FRONTMATTER_MISSING, Severity.ERROR, 1,
                "SKILL.md must start with a '---' line opening the YAML frontmatter"));
        return new ParsedSkillMd(SkillMdFormat.NONE, Map.of(), Map.of(), 0, 0, text, 1,
                coreInstructions(text), problems);
    }

    private ParsedSkillMd parseFrontmatter(List<String> lines, List<ValidationIssue> problems) {
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("---") || l.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.add(new ValidationIssue(Rules.FRONTMATTER_UNCLOSED, Severity.ERROR, 1,
                    "the frontmatter opened on line 1 is never closed by a '---' line"));
            String all = String.join("\n", lines);
            return new ParsedSkillMd(SkillMdFormat.YAML_FRONTMATTER, Map.of(), Map.of(), 2, 0, all, 1,
                    "", problems);
        }
        String yamlText = String.join("\n", lines.subList(1, close));
        String body = String.join("\n", lines.subList(close + 1, lines.size()));
        int bodyStart = close + 2;
        Map<String, Integer> keyLines = keyLines(lines.subList(1, close), 2);
        Map<String, Object> metadata = Map.of();
        if (yamlText.length() > Limits.FRONTMATTER_CHARS) {
            problems.add(new ValidationIssue(Rules.FRONTMATTER_TOO_LARGE, Severity.ERROR, 2,
                    "frontmatter is " + yamlText.length() + " characters; the limit is "
                            + Limits.FRONTMATTER_CHARS));
        } else if (!yamlText.isBlank()) {
            metadata = loadYaml(yamlText, 2, problems);
        }
        return new ParsedSkillMd(SkillMdFormat.YAML_FRONTMATTER, metadata, keyLines, 2, yamlText.length(),
                body, bodyStart, coreInstructions(body), problems);
    }

    private ParsedSkillMd parseJsonBlock(List<String> lines, List<ValidationIssue> problems) {
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problems.add(new ValidationIssue(Rules.FRONTMATTER_UNCLOSED, Severity.ERROR, 1,
                    "the ```json metadata block opened on line 1 is never closed"));
            return new ParsedSkillMd(SkillMdFormat.JSON_BLOCK, Map.of(), Map.of(), 2, 0,
                    String.join("\n", lines), 1, "", problems);
        }
        String json = String.join("\n", lines.subList(1, close));
        String body = String.join("\n", lines.subList(close + 1, lines.size()));
        Map<String, Object> metadata = Map.of();
        if (json.length() > Limits.FRONTMATTER_CHARS) {
            problems.add(new ValidationIssue(Rules.FRONTMATTER_TOO_LARGE, Severity.ERROR, 2,
                    "metadata block is " + json.length() + " characters; the limit is "
                            + Limits.FRONTMATTER_CHARS));
        } else {
            try {
                Object parsed = JSON.readValue(json, Object.class);
                if (parsed instanceof Map<?, ?> m) {
                    metadata = normalizeMap(m);
                } else {
                    problems.add(new ValidationIssue(Rules.FRONTMATTER_NOT_MAPPING, Severity.ERROR, 2,
                            "the JSON metadata block must be an object"));
                }
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? 2 : 1 + e.getLocation().getLineNr();
                problems.add(new ValidationIssue(Rules.FRONTMATTER_SYNTAX, Severity.ERROR, line,
                        "invalid JSON in the metadata block: " + e.getOriginalMessage()));
            }
        }
        return new ParsedSkillMd(SkillMdFormat.JSON_BLOCK, metadata, jsonKeyLines(lines.subList(1, close)),
                2, json.length(), body, close + 2, coreInstructions(body), problems);
    }

    /** What usually causes a YAML scanner's complaint, in an author's words ("" when there is no hint). */
    static String yamlHint(String problem) {
        String p = problem == null ? "" : problem;
        if (p.contains("mapping values are not allowed")) {
            return ": a value with ': ' inside it must be in quotes, such as description: \"Use it when: …\"";
        }
        if (p.contains("found character '\\t'") || p.contains("\\t(TAB)")) {
            return ": YAML is indented with spaces, not tabs";
        }
        if (p.contains("could not find expected ':'")) {
            return ": each line of the frontmatter is 'key: value' (or indented under a key)";
        }
        if (p.contains("found undefined alias") || p.contains("found unexpected end of stream")) {
            return ": a quote or bracket is not closed";
        }
        if (p.contains("did not find expected key")) {
            return ": a line is indented differently from the ones around it";
        }
        return "";
    }

    private Map<String, Object> loadYaml(String yamlText, int firstLine, List<ValidationIssue> problems) {
        try {
            Object loaded = SafeYaml.loader().load(yamlText);
            if (loaded == null) {
                return Map.of();
            }
            if (loaded instanceof Map<?, ?> m) {
                return normalizeMap(m);
            }
            problems.add(new ValidationIssue(Rules.FRONTMATTER_NOT_MAPPING, Severity.ERROR, firstLine,
                    "the frontmatter must be a mapping of keys to values, not a "
                            + loaded.getClass().getSimpleName()));
        } catch (MarkedYAMLException e) {
            Map<String, Object> read = readWithQuotes(yamlText, firstLine, problems);
            if (read != null) {
                return read;
            }
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? firstLine : firstLine + mark.getLine();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(new ValidationIssue(Rules.FRONTMATTER_SYNTAX, Severity.ERROR, line,
                    "invalid YAML: " + oneLine(problem)
                            + (e.getContext() != null ? " (" + oneLine(e.getContext()) + ")" : "")
                            + yamlHint(problem)));
        } catch (YAMLException e) {
            // Limits (aliases, nesting, size) land here: the document is refused, never expanded.
            problems.add(new ValidationIssue(Rules.FRONTMATTER_UNSAFE, Severity.ERROR, firstLine,
                    "frontmatter refused: " + oneLine(e.getMessage())));
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(new ValidationIssue(Rules.FRONTMATTER_UNSAFE, Severity.ERROR, firstLine,
                    "frontmatter could not be read: " + e.getClass().getSimpleName()));
        }
        return Map.of();
    }

    /** A {@code key: value} line at the top level of the frontmatter, its value unquoted. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("^([A-Za-z0-9_][A-Za-z0-9_.-]*):[ \\t]+([^\"'\\s|>\\[{&*!].*)$");
    /** The most values {@link #readWithQuotes} quotes before it gives up. */
    private static final int QUOTES_MAX = 20;

    /**
     * The frontmatter read as an agent's loader reads it when YAML refuses it for a {@code ": "} inside a plain
     * value ({@code description: Use when: …}): each such value read as if it were quoted. Every value read so is an
     * error of its own ({@link Rules#FRONTMATTER_NEEDS_QUOTES}, which a quick fix quotes), so the skill can be stored
     * and fixed. Null when quoting those values does not make it read (the syntax error stands).
     */
    private Map<String, Object> readWithQuotes(String yamlText, int firstLine, List<ValidationIssue> problems) {
        List<String> lines = new ArrayList<>(List.of(yamlText.split("\n", -1)));
        List<ValidationIssue> quoted = new ArrayList<>();
        for (int attempt = 0; attempt < QUOTES_MAX; attempt++) {
            try {
                Object loaded = SafeYaml.loader().load(String.join("\n", lines));
                if (!(loaded instanceof Map<?, ?> m) || quoted.isEmpty()) {
                    return null;
                }
                problems.addAll(quoted);
                return normalizeMap(m);
            } catch (MarkedYAMLException e) {
                String problem = e.getProblem() == null ? "" : e.getProblem();
                Mark mark = e.getProblemMark();
                if (!problem.contains("mapping values are not allowed") || mark == null) {
                    return null;
                }
                int at = -1;
                for (int i = mark.getLine(); i >= 0 && i >= mark.getLine() - 1 && i < lines.size(); i--) {
                    if (PLAIN_VALUE.matcher(lines.get(i)).matches()) {
                        at = i;
                        break;
                    }
                }
                if (at < 0) {
                    return null;
                }
                Matcher m = PLAIN_VALUE.matcher(lines.get(at));
                m.matches();
                String value = m.group(2).strip();
                lines.set(at, m.group(1) + ": \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                quoted.add(new ValidationIssue(Rules.FRONTMATTER_NEEDS_QUOTES, Severity.ERROR, firstLine + at,
                        "the value of '" + m.group(1) + "' has ': ' inside it, which YAML reads as another key: put the"
                                + " value in quotes (read here as if it were quoted)"));
            } catch (RuntimeException | StackOverflowError e) {
                return null;
            }
        }
        return null;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** Makes every key a String and every odd scalar (dates, binary) a String, recursively. */
    static Map<String, Object> normalizeMap(Map<?, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
        return out;
    }

    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            return normalizeMap(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Date d) {
            return DateTimeFormatter.ISO_INSTANT.format(d.toInstant());
        }
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v == null) {
            return v;
        }
        return String.valueOf(v);
    }

    private static Map<String, Integer> keyLines(List<String> yamlLines, int firstLine) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < yamlLines.size(); i++) {
            Matcher m = TOP_LEVEL_KEY.matcher(yamlLines.get(i));
            if (m.find()) {
                lines.putIfAbsent(m.group(1), firstLine + i);
            }
        }
        return lines;
    }

    private static Map<String, Integer> jsonKeyLines(List<String> jsonLines) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        Pattern key = Pattern.compile("^\\s{0,4}\"([^\"]+)\"\\s*:");
        for (int i = 0; i < jsonLines.size(); i++) {
            Matcher m = key.matcher(jsonLines.get(i));
            if (m.find()) {
                lines.putIfAbsent(m.group(1), 2 + i);
            }
        }
        return lines;
    }

    /** The "## Core Instructions" section when there is one, else the whole body. */
    static String coreInstructions(String body) {
        Matcher m = CORE_HEADING.matcher(body);
        if (!m.find()) {
            return body.strip();
        }
        String rest = body.substring(m.end());
        Matcher next = NEXT_HEADING.matcher(rest);
        return (next.find() ? rest.substring(0, next.start()) : rest).strip();
    }
}
