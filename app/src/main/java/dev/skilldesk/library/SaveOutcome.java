package dev.skilldesk.library;

import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.ValidationResult;

/** What a save did. On REJECTED nothing was written and {@code reason} says why. */
public record SaveOutcome(Status status, Skill skill, SkillVersion version, ValidationResult validation,
                          String reason) {
    /** The four ways a save can end. */
    public enum Status { CREATED, NEW_VERSION, UNCHANGED, REJECTED }

    public boolean stored() {
        return status == Status.CREATED || status == Status.NEW_VERSION;
    }
}
