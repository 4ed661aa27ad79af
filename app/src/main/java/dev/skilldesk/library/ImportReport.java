package dev.skilldesk.library;

import dev.skilldesk.skill.ValidationIssue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What an import did, skill by skill. A refused skill names its path and the reason. */
public final class ImportReport {
    /** One skill folder's result. */
    public record Entry(String path, String name, SaveOutcome.Status status, int version,
                        List<ValidationIssue> issues, String reason) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(Entry e) {
        entries.add(e);
    }

    public synchronized List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    public long count(SaveOutcome.Status status) {
        return entries().stream().filter(e -> e.status() == status).count();
    }

    public List<Entry> refused() {
        return entries().stream().filter(e -> e.status() == SaveOutcome.Status.REJECTED).toList();
    }

    public String summary() {
        return count(SaveOutcome.Status.CREATED) + " created, " + count(SaveOutcome.Status.NEW_VERSION)
                + " updated, " + count(SaveOutcome.Status.UNCHANGED) + " unchanged, "
                + count(SaveOutcome.Status.REJECTED) + " refused";
    }
}
