package dev.skilldesk.ui.common;

import dev.skilldesk.skill.AccessLevel;
import javafx.util.StringConverter;

import java.util.List;

/** The access levels an author may give a skill, as the choosers that offer them (Settings, import) show them. */
public final class AccessChoices {
    /** What a skill may be given (SYSTEM is the starter library's own). */
    public static final List<AccessLevel> LEVELS = List.of(AccessLevel.PRIVATE, AccessLevel.TEAM, AccessLevel.SHARED,
            AccessLevel.PUBLIC);

    /** Each level by its key ("private", "team" …). */
    public static final StringConverter<AccessLevel> BY_KEY = new StringConverter<>() {
        @Override
        public String toString(AccessLevel a) {
            return a == null ? "" : a.key();
        }

        @Override
        public AccessLevel fromString(String s) {
            return AccessLevel.parse(s);
        }
    };

    private AccessChoices() {
    }
}
