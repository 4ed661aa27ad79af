package dev.skilldesk.skill;

/** One finding of the validator: a stable rule id, where it is (1-based line, 0 if none) and why. */
public record ValidationIssue(String ruleId, Severity severity, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + severity.name().toLowerCase()
                + " [" + ruleId + "] " + message;
    }
}
