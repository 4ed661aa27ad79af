package dev.skilldesk.audit;

import java.util.Locale;

/** How much a finding matters: said (info), looked at before use (warning), or asked about before it is let in (high). */
public enum AuditSeverity {
    INFO, WARNING, HIGH;

    /** As the JSON and the screen spell it: {@code info}, {@code warning}, {@code high}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
