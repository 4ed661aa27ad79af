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

    /** A path that was looked at and not taken as a skill (not an error of a skill), with the reason. */
    public record Skip(String path, String reason) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Skip> skipped = new ArrayList<>();

    public synchronized void add(Entry e) {
        entries.add(e);
    }

    public synchronized void skip(String path, String reason) {
        skipped.add(new Skip(path, reason));
    }

    /** Paths passed over without being a refused skill: install leftovers cleaned up, unreadable folders. */
    public synchronized List<Skip> skipped() {
        return List.copyOf(skipped);
    }

    /** Adds everything {@code other} says to this report. */
    public void addAll(ImportReport other) {
        other.entries().forEach(this::add);
        other.skipped().forEach(s -> skip(s.path(), s.reason()));
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
                + count(SaveOutcome.Status.REJECTED) + " refused"
                + (skipped().isEmpty() ? "" : ", " + skipped().size() + " skipped");
    }
}
