package dev.skilldesk.skill;

import java.util.Locale;

/** Who may see a skill, as in the TMWS design. */
public enum AccessLevel {
    PRIVATE, TEAM, SHARED, PUBLIC, SYSTEM;

    /** The lower-case name stored in the database and used on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccessLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown access level '" + value
                    + "' (expected one of private, team, shared, public, system)");
        }
    }
}
