package dev.skilldesk.parse;

import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.skill.WindowsNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a SKILL.md against the Agent Skills rules in one of two {@link ValidationProfile}s. */
public final class SkillValidator {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private final SkillMdParser parser = new SkillMdParser();
    private final TokenCounter tokens;

    public SkillValidator(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** Parses and validates; {@code folderName} may be null when the file has no folder. */
    public ValidationResult validate(String content, String folderName, ValidationProfile profile) {
        if (content.length() > Limits.CONTENT_HARD_CHARS) {
            return new ValidationResult(List.of(new ValidationIssue(Rules.CONTENT_TOO_LARGE, Severity.ERROR, 1,
                    "SKILL.md is " + content.length() + " characters; nothing over "
                            + Limits.CONTENT_HARD_CHARS + " is accepted")));
        }
        return validate(content, parser.parse(content), folderName, profile);
    }

    public ValidationResult validate(String content, ParsedSkillMd parsed, String folderName,
                                     ValidationProfile profile) {
        boolean strict = profile == ValidationProfile.STRICT;
        Severity strictError = strict ? Severity.ERROR : Severity.WARNING;
        List<ValidationIssue> out = new ArrayList<>(parsed.problems());

        int nul = content.indexOf('\0');
        if (nul >= 0) {
            out.add(new ValidationIssue(Rules.CONTENT_NUL, Severity.ERROR, lineAt(content, nul),
                    "SKILL.md contains a NUL character; it must be text"));
        }
        if (content.length() > Limits.CONTENT_HARD_CHARS) {
            out.add(new ValidationIssue(Rules.CONTENT_TOO_LARGE, Severity.ERROR, 1,
                    "SKILL.md is " + content.length() + " characters; nothing over "
                            + Limits.CONTENT_HARD_CHARS + " is accepted"));
        } else if (content.length() > Limits.CONTENT_CHARS) {
            out.add(new ValidationIssue(Rules.CONTENT_TOO_LARGE, strictError, 1,
                    "SKILL.md is " + content.length() + " characters; the limit is " + Limits.CONTENT_CHARS
                            + " (move detail into references/)"));
        }

        int marker = conflictMarkerLine(content);
        if (marker > 0) {
            out.add(new ValidationIssue(Rules.CONTENT_CONFLICT_MARKER, Severity.ERROR, marker,
                    "a merge conflict marker is left here: keep the lines you want between <<<<<<< and >>>>>>>,"
                            + " then delete the three marker lines"));
        }

        boolean metadataReadable = parsed.problems().stream().noneMatch(p -> p.severity() == Severity.ERROR);
        if (metadataReadable) {
            checkMetadata(parsed, folderName, profile, strictError, out);
        }
        checkBody(parsed, out);
        return new ValidationResult(out);
    }

    /**
     * Why {@code name} cannot be a skill's name (rule {@link Rules#NAME_FORMAT}; the folder a skill is
     * exported or installed into has the same name), or null when it can.
     */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a skill needs a name (rule: " + Rules.NAME_MISSING + ")";
        }
        if (name.length() > Limits.NAME_MAX || !NAME.matcher(name).matches()) {
            return "a name is 1-" + Limits.NAME_MAX + " characters of a-z, 0-9 and single hyphens, not starting or"
                    + " ending with one (rule: " + Rules.NAME_FORMAT + ")";
        }
        String windows = WindowsNames.problem(name);
        if (windows != null) {
            return windows + "; a skill's folder has its name (rule: " + Rules.NAME_RESERVED + ")";
        }
        return null;
    }

    private void checkMetadata(ParsedSkillMd p, String folderName, ValidationProfile profile,
                               Severity strictError, List<ValidationIssue> out) {
        Map<String, Object> md = p.metadata();
        Object rawName = md.get("name");
        String name = p.string("name");
        if (rawName == null || (name != null && name.isBlank())) {
            out.add(new ValidationIssue(Rules.NAME_MISSING, Severity.ERROR, p.lineOf("name"),
                    "the frontmatter has no 'name'"));
        } else if (name == null) {
            out.add(new ValidationIssue(Rules.NAME_FORMAT, Severity.ERROR, p.lineOf("name"),
                    "'name' must be a single string"));
        } else {
            if (name.length() > Limits.NAME_MAX || !NAME.matcher(name).matches()) {
                out.add(new ValidationIssue(Rules.NAME_FORMAT, Severity.ERROR, p.lineOf("name"),
                        "name '" + abbreviate(name) + "' must be 1-" + Limits.NAME_MAX
                                + " characters of a-z, 0-9 and single hyphens, not starting or ending with one"));
            } else if (WindowsNames.problem(name) != null) {
                out.add(new ValidationIssue(Rules.NAME_RESERVED, Severity.ERROR, p.lineOf("name"),
                        "name " + WindowsNames.problem(name) + "; exported or installed on Windows, the skill's"
                                + " folder would be that device"));
            }
            if (folderName != null && !folderName.equals(name)) {
                out.add(new ValidationIssue(Rules.NAME_FOLDER_MISMATCH, strictError, p.lineOf("name"),
                        "name '" + abbreviate(name) + "' differs from its folder '" + folderName + "'"));
            }
        }

        Object rawDescription = md.get("description");
        String description = p.string("description");
        if (rawDescription == null || description == null || description.isBlank()) {
            out.add(new ValidationIssue(Rules.DESCRIPTION_MISSING, Severity.ERROR, p.lineOf("description"),
                    "the frontmatter has no 'description' (agents choose skills by it)"));
        } else {
            if (description.length() > Limits.DESCRIPTION_MAX) {
                out.add(new ValidationIssue(Rules.DESCRIPTION_TOO_LONG, strictError, p.lineOf("description"),
                        "description is " + description.length() + " characters; the limit is "
                                + Limits.DESCRIPTION_MAX));
            }
            if (description.indexOf('<') >= 0 || description.indexOf('>') >= 0) {
                out.add(new ValidationIssue(Rules.DESCRIPTION_ANGLE_BRACKETS, strictError,
                        p.lineOf("description"), "description must not contain '<' or '>'"));
            }
        }

        String compatibility = p.string("compatibility");
        if (compatibility != null && compatibility.length() > Limits.COMPATIBILITY_MAX) {
            out.add(new ValidationIssue(Rules.COMPATIBILITY_TOO_LONG, strictError, p.lineOf("compatibility"),
                    "compatibility is " + compatibility.length() + " characters; the limit is "
                            + Limits.COMPATIBILITY_MAX));
        }
        Object metadata = md.get("metadata");
        if (metadata != null && !(metadata instanceof Map)) {
            out.add(new ValidationIssue(Rules.METADATA_NOT_MAPPING, strictError, p.lineOf("metadata"),
                    "'metadata' must be a mapping of keys to values"));
        }

        for (String key : md.keySet()) {
            if (ValidationProfile.SPEC_KEYS.contains(key)) {
                continue;
            }
            if (profile == ValidationProfile.STRICT) {
                out.add(new ValidationIssue(Rules.FRONTMATTER_UNKNOWN_KEY, Severity.ERROR, p.lineOf(key),
                        "'" + abbreviate(key) + "' is not an Agent Skills key (allowed: name, description, "
                                + "license, compatibility, metadata, allowed-tools)"));
            } else if (!ValidationProfile.CLAUDE_CODE_KEYS.contains(key)) {
                out.add(new ValidationIssue(Rules.FRONTMATTER_UNKNOWN_KEY, Severity.WARNING, p.lineOf(key),
                        "'" + abbreviate(key) + "' is neither an Agent Skills nor a Claude Code key; "
                                + "agents will ignore it"));
            }
        }

        SkillMetadata meta = SkillMetadata.of(p);
        if (meta.tags().size() > Limits.TAGS_MAX) {
            int line = md.containsKey("tags") ? p.lineOf("tags") : p.lineOf("metadata");
            out.add(new ValidationIssue(Rules.TAGS_TOO_MANY, Severity.ERROR, line,
                    meta.tags().size() + " tags; the limit is " + Limits.TAGS_MAX));
        }
    }

    private void checkBody(ParsedSkillMd p, List<ValidationIssue> out) {
        String body = p.body();
        if (body.isBlank()) {
            out.add(new ValidationIssue(Rules.BODY_EMPTY, Severity.WARNING, p.bodyStartLine(),
                    "the body is empty: an agent that loads this skill gets no instructions"));
            return;
        }
        long lines = body.lines().count();
        if (lines > Limits.BODY_LINES_MAX) {
            out.add(new ValidationIssue(Rules.BODY_TOO_LONG, Severity.WARNING,
                    p.bodyStartLine() + Limits.BODY_LINES_MAX,
                    "the body has " + lines + " lines; keep it under " + Limits.BODY_LINES_MAX
                            + " and move detail into references/"));
        }
        int bodyTokens = tokens.count(body);
        if (bodyTokens > Limits.BODY_TOKENS_MAX) {
            out.add(new ValidationIssue(Rules.BODY_TOO_MANY_TOKENS, Severity.WARNING, p.bodyStartLine(),
                    "the body is about " + bodyTokens + " tokens; keep it under ~" + Limits.BODY_TOKENS_MAX));
        }
    }

    /**
     * The first line that is a merge's conflict marker, or 0: SkillDesk's own ({@code <<<<<<< yours},
     * {@code >>>>>>> upstream}) anywhere, git's ({@code <<<<<<< } and {@code >>>>>>> } at a line's start) outside
     * fenced code, where a skill about git may show them.
     */
    static int conflictMarkerLine(String content) {
        if (content.indexOf("<<<<<<<") < 0 && content.indexOf(">>>>>>>") < 0) {
            return 0;
        }
        boolean fenced = false;
        int n = 0;
        for (String line : content.split("\n", -1)) {
            n++;
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.equals("<<<<<<< yours") || l.equals(">>>>>>> upstream")) {
                return n;
            }
            String t = l.stripLeading();
            if (t.startsWith("```") || t.startsWith("~~~")) {
                fenced = !fenced;
            } else if (!fenced && (l.startsWith("<<<<<<< ") || l.startsWith(">>>>>>> ") || l.equals("<<<<<<<")
                    || l.equals(">>>>>>>"))) {
                return n;
            }
        }
        return 0;
    }

    private static int lineAt(String s, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
