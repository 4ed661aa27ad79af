package dev.skilldesk.library;

import dev.skilldesk.skill.SkillRef;

/** No such skill or version (or none the principal may see: the two look the same on purpose). */
public class SkillNotFoundException extends RuntimeException {
    private final transient SkillRef ref;

    public SkillNotFoundException(String message) {
        this(message, null);
    }

    /** "no skill 'ns/name'", remembering which: the author's face may explain it ({@link SkillLibrary#whyNotFound}). */
    public SkillNotFoundException(SkillRef ref) {
        this("no skill '" + ref + "'", ref);
    }

    public SkillNotFoundException(String message, SkillRef ref) {
        super(message);
        this.ref = ref;
    }

    /** The skill asked for, when the message is about one (null for a missing version, an install …). */
    public SkillRef ref() {
        return ref;
    }
}
