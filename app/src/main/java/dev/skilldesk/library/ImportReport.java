package dev.skilldesk.library;

import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.ValidationIssue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did, or would do (a preview), skill by skill. A refused skill names its path and the
 * reason.
 */
public final class ImportReport {
    /**
     * One skill folder's result.
     *
     * @param folder    the top folder of the imported tree it was found under ("" at the top itself)
     * @param namespace where it landed (or would land); null when refused before that was known
     * @param persona   the persona it was given, or null: its file's own
     */
    public record Entry(String path, String name, SaveOutcome.Status status, int version,
                        List<ValidationIssue> issues, String reason, String folder, String namespace, String persona) {
        public Entry(String path, String name, SaveOutcome.Status status, int version, List<ValidationIssue> issues,
                     String reason) {
            this(path, name, status, version, issues, reason, "", null, null);
        }

        /** Stored (or to be) though it breaks the library's rules: it needs fixes before agents may have it. */
        public boolean needsFixes() {
            return status != SaveOutcome.Status.REJECTED && issues.stream().anyMatch(i -> i.severity() == Severity.ERROR);
        }
    }

    /** A path that was looked at and not taken as a skill (not an error of a skill), with the reason. */
    public record Skip(String path, String reason) {
    }

    /** The counts of one top folder of the tree, for the preview. */
    public record FolderCounts(String folder, String namespace, String persona, int found, int created, int changed,
                               int unchanged, int refused, int needFixes) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Skip> skipped = new ArrayList<>();
    private boolean preview;

    public synchronized void add(Entry e) {
        entries.add(e);
    }

    public synchronized void skip(String path, String reason) {
        skipped.add(new Skip(path, reason));
    }

    /** True when nothing was written: the report says what an import would do. */
    public synchronized boolean preview() {
        return preview;
    }

    synchronized void markPreview() {
        preview = true;
    }

    /** Paths passed over without being a refused skill: install leftovers cleaned up, unreadable folders. */
    public synchronized List<Skip> skipped() {
        return List.copyOf(skipped);
    }

    /** Adds everything {@code other} says to this report. */
    public void addAll(ImportReport other) {
        other.entries().forEach(this::add);
        other.skipped().forEach(s -> skip(s.path(), s.reason()));
        if (other.preview()) {
            markPreview();
        }
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

    /** Skills stored (or to be) that break the library's rules: in the Library as needing fixes. */
    public List<Entry> needingFixes() {
        return entries().stream().filter(Entry::needsFixes).toList();
    }

    /** The counts per top folder: the folder itself ("") first, then by name. */
    public List<FolderCounts> byFolder() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Entry> first = new LinkedHashMap<>();
        for (Entry e : entries()) {
            int[] c = counts.computeIfAbsent(e.folder(), f -> new int[6]);
            first.putIfAbsent(e.folder(), e);
            if (e.namespace() != null && first.get(e.folder()).namespace() == null) {
                first.put(e.folder(), e);
            }
            c[0]++;
            switch (e.status()) {
                case CREATED -> c[1]++;
                case NEW_VERSION -> c[2]++;
                case UNCHANGED -> c[3]++;
                case REJECTED -> c[4]++;
            }
            if (e.needsFixes()) {
                c[5]++;
            }
        }
        List<FolderCounts> out = new ArrayList<>();
        counts.forEach((folder, c) -> out.add(new FolderCounts(folder, first.get(folder).namespace(),
                first.get(folder).persona(), c[0], c[1], c[2], c[3], c[4], c[5])));
        out.sort(java.util.Comparator.comparing((FolderCounts f) -> !f.folder().isEmpty())
                .thenComparing(f -> f.folder().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    /** The counts that are not zero, in a few words ("2 created, 2 need fixes"): for a notification. */
    public String brief() {
        List<String> parts = new ArrayList<>();
        long created = count(SaveOutcome.Status.CREATED);
        long updated = count(SaveOutcome.Status.NEW_VERSION);
        long same = count(SaveOutcome.Status.UNCHANGED);
        long refused = count(SaveOutcome.Status.REJECTED);
        if (created > 0) {
            parts.add(created + " created");
        }
        if (updated > 0) {
            parts.add(updated + " updated");
        }
        if (same > 0) {
            parts.add(same + " unchanged");
        }
        if (refused > 0) {
            parts.add(refused + " refused");
        }
        int fixes = needingFixes().size();
        if (fixes > 0) {
            parts.add(fixes + (fixes == 1 ? " needs" : " need") + " fixes");
        }
        return parts.isEmpty() ? "no skills found" : String.join(", ", parts);
    }

    public String summary() {
        String s = count(SaveOutcome.Status.CREATED) + (preview() ? " new, " : " created, ")
                + count(SaveOutcome.Status.NEW_VERSION) + (preview() ? " changed, " : " updated, ")
                + count(SaveOutcome.Status.UNCHANGED) + " unchanged, "
                + count(SaveOutcome.Status.REJECTED) + (preview() ? " would be refused" : " refused")
                + (needingFixes().isEmpty() ? "" : ", " + needingFixes().size() + (needingFixes().size() == 1 ? " needs" : " need")
                + " fixes")
                + (skipped().isEmpty() ? "" : ", " + skipped().size() + " skipped");
        return preview() ? "preview (nothing written): " + s : s;
    }
}
