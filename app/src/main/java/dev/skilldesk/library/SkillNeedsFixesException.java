package dev.skilldesk.library;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.skill.ValidationIssue;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A skill that breaks the library's rules was asked to leave the workbench for an agent (an install, a profile, a
 * sync, a publish, the MCP server). The message names every error, with its line and rule.
 */
public final class SkillNeedsFixesException extends RuntimeException {
    private final transient SkillRef skill;
    private final transient List<ValidationIssue> errors;

    public SkillNeedsFixesException(SkillRef skill, List<ValidationIssue> errors) {
        super("'" + skill + "' needs fixes before an agent may have it: " + errors.stream().map(ValidationIssue::toString)
                .collect(Collectors.joining("; ")) + " (fix it in SkillDesk's editor, or where it came from and import it again)");
        this.skill = skill;
        this.errors = List.copyOf(errors);
    }

    public SkillRef skill() {
        return skill;
    }

    public List<ValidationIssue> errors() {
        return errors;
    }
}
