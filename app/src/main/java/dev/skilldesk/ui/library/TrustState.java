package dev.skilldesk.ui.library;

import dev.skilldesk.audit.AuditSeverity;
import dev.skilldesk.audit.Auditor;

import java.util.Locale;

/** What the trust check says of a skill's active version, as the Library and the Map show it. */
public enum TrustState {
    /** The check has not run on this version yet (it runs in the background after a load). */
    NOT_CHECKED("checking…", "The trust check has not read this version yet"),
    /** Nothing found, or only notes (info). */
    CLEAN("clean", "The trust check found nothing that needs a look"),
    WARNING("warning", "The trust check has a warning for it (a shell in allowed-tools, a binary …): the details list it"),
    HIGH("high", "The trust check found something high-risk: the details list it, with file and line");

    private final String label;
    private final String explanation;

    TrustState(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    /** As the table shows it: a word, never blank (a blank cell would mean both "not checked" and "clean"). */
    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    /** The style class of a cell that shows it. */
    public String styleClass() {
        return "trust-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TrustState of(Auditor.Report report) {
        AuditSeverity worst = report.worst();
        return worst == AuditSeverity.HIGH ? HIGH : worst == AuditSeverity.WARNING ? WARNING : CLEAN;
    }
}
