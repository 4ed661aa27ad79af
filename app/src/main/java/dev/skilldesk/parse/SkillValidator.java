package dev.skilldesk.parse;

import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.WindowsNames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a SKILL.md against the Agent Skills rules in one of two {@link ValidationProfile}s. */
public final class SkillValidator {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private final SkillMdParser parser = new SkillMdParser();
    private final TokenCounter tokens;

    public SkillValidator(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /**
     * The revision of the library's rules. Stored versions carry the revision their findings were counted under;
     * raise it when a rule changes, and every version is checked again when a library is next opened.
     */
    public static final int RULES_REVISION = 1;

    /** The profile every face of SkillDesk applies: what Claude Code loads (its extra keys are fine). */
    public static final ValidationProfile LIBRARY = ValidationProfile.LENIENT;

    /**
     * The library's one check of a skill: SKILL.md and its other files under the {@link #LIBRARY} profile. The
     * import, the editor, {@code validate}, the Library's "needs fixes" and what leaves for agents all use it.
     */
    public ValidationResult check(String content, List<SkillFile> files, String folderName) {
        if (content.length() > Limits.CONTENT_HARD_CHARS) {
            return validate(content, folderName, LIBRARY);
        }
        return validate(content, parser.parse(content), files, folderName, LIBRARY);
    }

    /**
     * SKILL.md and the skill's other files together: the text's rules, then the folder's (the Skills Extension's limit
     * of 512 files and 16 MiB, which hosts need not take more of).
     */
    public ValidationResult validate(String content, ParsedSkillMd parsed, List<SkillFile> files, String folderName,
                                     ValidationProfile profile) {
        return validate(content, parsed, files.size(), files.stream().mapToLong(SkillFile::size).sum(), folderName,
                profile);
    }

    /** As {@link #validate(String, ParsedSkillMd, List, String, ValidationProfile)}, from the other files' count and size. */
    public ValidationResult validate(String content, ParsedSkillMd parsed, int otherFiles, long otherFilesBytes,
                                     String folderName, ValidationProfile profile) {
        ValidationResult text = validate(content, parsed, folderName, profile);
        List<ValidationIssue> out = new ArrayList<>(text.issues());
        int count = otherFiles + 1;
        if (count > Limits.FILES_MAX) {
            out.add(new ValidationIssue(Rules.FILES_TOO_MANY, Severity.ERROR, 0, count + " files (SKILL.md included);"
                    + " the limit is " + Limits.FILES_MAX + ": a host need not take a skill with more"));
        }
        long total = content.getBytes(StandardCharsets.UTF_8).length + otherFilesBytes;
        if (total > Limits.FILES_TOTAL_BYTES) {
            out.add(new ValidationIssue(Rules.FILES_TOTAL_TOO_LARGE, Severity.ERROR, 0, "the skill's files are " + total
                    + " bytes together; the limit is " + Limits.FILES_TOTAL_BYTES + " (16 MiB)"));
        }
        return new ValidationResult(out);
    }

    /**
     * The finding that keeps a SKILL.md out of the library altogether, or null when it can be stored (with its
     * errors, as needing fixes): what cannot be read (its frontmatter, its text) or has no name to store it under.
     */
    public static ValidationIssue unstorable(ValidationResult result) {
        return result.issues().stream().filter(i -> i.severity() == Severity.ERROR && Rules.STOP_STORING.contains(i.ruleId()))
                .findFirst().orElse(null);
    }

    /**
     * The name a skill is stored under: the one its SKILL.md declares when that is a valid name, else the name the
     * quick fix would give it (lowercase, other characters as hyphens), so a skill saved before and after the fix
     * stays one skill. Null when nothing valid can be made of it, a name Windows keeps for a device included.
     */
    public static String storedName(String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        if (nameProblem(declared) == null) {
            return declared;
        }
        String slug = QuickFixes.slug(declared);
        return slug.isEmpty() || nameProblem(slug) != null ? null : slug;
    }

    /** Parses and validates SKILL.md alone; {@code folderName} may be null when the file has no folder. */
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
            out.add(new ValidationIssue(Rules.CONTENT_TOO_LARGE, Severity.ERROR, 1,
                    "SKILL.md is " + content.length() + " characters; the limit is " + Limits.CONTENT_CHARS
                            + " (move detail into references/)"));
        }

        int marker = conflictMarkerLine(content);
        if (marker > 0) {
            out.add(new ValidationIssue(Rules.CONTENT_CONFLICT_MARKER, Severity.ERROR, marker,
                    "a merge conflict marker is left here: keep the lines you want between <<<<<<< and >>>>>>>,"
                            + " then delete the three marker lines"));
        }

        boolean metadataReadable = parsed.problems().stream()
                .noneMatch(p -> p.severity() == Severity.ERROR && !p.ruleId().equals(Rules.FRONTMATTER_NEEDS_QUOTES));
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
                out.add(new ValidationIssue(Rules.DESCRIPTION_TOO_LONG, Severity.ERROR, p.lineOf("description"),
                        "description is " + description.length() + " characters; the limit is "
                                + Limits.DESCRIPTION_MAX));
            }
            if (description.indexOf('<') >= 0 || description.indexOf('>') >= 0) {
                out.add(new ValidationIssue(Rules.DESCRIPTION_ANGLE_BRACKETS, strictError,
                        p.lineOf("description"), "description must not contain '<' or '>'"));
            }
            checkDescriptionQuality(description, p.lineOf("description"), out);
        }

        String compatibility = p.string("compatibility");
        if (compatibility != null && compatibility.length() > Limits.COMPATIBILITY_MAX) {
            out.add(new ValidationIssue(Rules.COMPATIBILITY_TOO_LONG, Severity.ERROR, p.lineOf("compatibility"),
                    "compatibility is " + compatibility.length() + " characters; the limit is "
                            + Limits.COMPATIBILITY_MAX));
        }
        Object metadata = md.get("metadata");
        if (metadata != null && !(metadata instanceof Map)) {
            out.add(new ValidationIssue(Rules.METADATA_NOT_MAPPING, Severity.ERROR, p.lineOf("metadata"),
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

    /** Words that say when a skill applies: a description without any gives an agent nothing to choose it by. */
    private static final Pattern TRIGGER = Pattern.compile("(?i)\\b(when(ever)?|if|trigger(s|ed)?|use (it |this |this skill )?"
            + "(for|to|in|with|on|during|before|after)|should be used|applies to|for (\\S+ ){0,4}(tasks?|work|analysis|"
            + "projects?|workflows?|pipelines?|preprocessing|development|research|questions|requests|jobs)|for [a-z-]+ing)\\b");
    /** What the templates SkillDesk and others write leave in until the author replaces it. */
    private static final Pattern LEFTOVER = Pattern.compile("(?im)^[ \\t]*1\\. The first step\\.[ \\t]*$"
            + "|Say what this skill does and when an agent should use it"
            + "|\\[(TODO|Add|Describe|Insert|Your)[^\\]\\n]{0,60}\\]|\\bTODO:? (describe|add|fill|write)\\b"
            + "|^[ \\t]*description: (A description|Description here|TBD|TODO)\\b");

    /** Warnings that link to the trigger lab: a description says what the skill does and when to use it. */
    private static void checkDescriptionQuality(String description, int line, List<ValidationIssue> out) {
        long words = java.util.Arrays.stream(description.strip().split("\\s+")).filter(w -> !w.isEmpty()).count();
        if (words < Limits.DESCRIPTION_MIN_WORDS) {
            out.add(new ValidationIssue(Rules.DESCRIPTION_TOO_SHORT, Severity.WARNING, line,
                    "the description has " + words + (words == 1 ? " word" : " words") + ": say what the skill does and"
                            + " when to use it, in a sentence or two (try it in the Trigger lab)"));
        } else if (!TRIGGER.matcher(description).find()) {
            out.add(new ValidationIssue(Rules.DESCRIPTION_NO_TRIGGER, Severity.WARNING, line,
                    "the description never says when to use the skill: add \"Use when …\" with the requests it is for"
                            + " (try them in the Trigger lab)"));
        }
    }

    private void checkBody(ParsedSkillMd p, List<ValidationIssue> out) {
        String body = p.body();
        Matcher leftover = LEFTOVER.matcher(body);
        if (leftover.find()) {
            out.add(new ValidationIssue(Rules.CONTENT_TEMPLATE_LEFTOVER, Severity.WARNING,
                    p.bodyStartLine() + lineAt(body, leftover.start()) - 1, "a template's placeholder is still here ('"
                            + abbreviate(leftover.group().strip()) + "'): replace it with the skill's own words"));
        }
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
