package dev.skilldesk.skill;

import java.time.Instant;

/**
 * One committed change to the library, as its change feed has it: the monotonic sequence number, what
 * changed ({@code skill}, {@code version}, {@code access}, {@code delete}, {@code restore}, {@code purge},
 * {@code share}, {@code install}, {@code trigger}, {@code setting}, {@code activation}, {@code origin} (where
 * a skill came from), {@code source}) and the skill it
 * concerns (null for settings).
 */
public record LibraryChange(long seq, String kind, Long skillId, Instant at) {
    public boolean isActivation() {
        return kind.equals("activation");
    }

    /** A change to what a skill is or who may see it (not an activation, install, trigger or origin). */
    public boolean changesSkill() {
        return skillId != null && !kind.equals("activation") && !kind.equals("install") && !kind.equals("trigger")
                && !kind.equals("origin");
    }
}
