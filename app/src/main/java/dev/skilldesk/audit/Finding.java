package dev.skilldesk.audit;

/**
 * One thing the trust check found: the rule, its severity, the file (relative to the skill, {@code SKILL.md} for
 * the skill itself), the line (1-based; 0 for a whole file, as a binary's), and what it is, with the text matched.
 */
public record Finding(String rule, AuditSeverity severity, String file, int line, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + severity.label() + " [" + rule + "] " + message;
    }
}
