package dev.skilldesk.skill;

/** A skill together with the version that is active, read in one query. */
public record ActiveSkill(Skill skill, SkillVersion version) {
}
