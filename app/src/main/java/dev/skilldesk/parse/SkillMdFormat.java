package dev.skilldesk.parse;

/** How a SKILL.md carries its metadata. */
public enum SkillMdFormat {
    /** {@code ---} YAML frontmatter {@code ---}, the Agent Skills format. */
    YAML_FRONTMATTER,
    /** The older TMWS form: a fenced {@code ```json} block at the top of the file. */
    JSON_BLOCK,
    /** No metadata block at all. */
    NONE
}
