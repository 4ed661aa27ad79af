package dev.skilldesk.skill;

import java.time.Instant;
import java.util.Locale;

/** A test request stored with a skill: one that should find it, or one that should not. */
public record Trigger(long id, long skillId, String request, Expectation expectation, Instant createdAt) {

    /** What the request expects of the skill's rank. */
    public enum Expectation {
        /** The skill should rank within the top K. */
        FIND,
        /** The skill should not rank within the top K. */
        AVOID;

        /** The lower-case name stored in the database and printed by the CLI. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Expectation parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("unknown trigger expectation '" + value + "' (find or avoid)");
            }
        }
    }
}
