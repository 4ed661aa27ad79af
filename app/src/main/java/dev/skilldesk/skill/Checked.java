package dev.skilldesk.skill;

/**
 * What the library's check found in one version of a skill: its errors and warnings, counted under the rules of
 * {@code revision}. A version with errors is stored and shown as needing fixes, and stays away from agents.
 */
public record Checked(int errors, int warnings, int revision) {
    /** A version stored before the library counted findings, or under rules since changed: to be checked again. */
    public static final Checked UNKNOWN = new Checked(-1, -1, 0);

    public boolean known() {
        return errors >= 0;
    }

    public static Checked of(ValidationResult result, int revision) {
        return new Checked(result.errors().size(), result.warnings().size(), revision);
    }
}
