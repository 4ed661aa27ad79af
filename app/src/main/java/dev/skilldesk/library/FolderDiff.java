package dev.skilldesk.library;

import dev.skilldesk.skill.SkillFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two states of a skill's folder (two versions, or a version and the editor's unsaved work):
 * SKILL.md first, then every other file added, removed or changed, by path; a binary file is named, not diffed.
 */
public final class FolderDiff {
    /** How a file differs. */
    public enum Status { ADDED, REMOVED, CHANGED }

    /** One file that differs: its text before and after ("" where it did not exist; null for a binary file). */
    public record FileChange(String path, Status status, boolean binary, String before, String after) {
    }

    private FolderDiff() {
    }

    /** The files that differ from ({@code skillMdA}, {@code filesA}) to ({@code skillMdB}, {@code filesB}). */
    public static List<FileChange> between(String skillMdA, List<SkillFile> filesA, String skillMdB, List<SkillFile> filesB) {
        List<FileChange> out = new ArrayList<>();
        if (!skillMdA.equals(skillMdB)) {
            out.add(new FileChange("SKILL.md", Status.CHANGED, false, skillMdA, skillMdB));
        }
        Map<String, SkillFile> a = byPath(filesA);
        Map<String, SkillFile> b = byPath(filesB);
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        for (String p : paths) {
            SkillFile x = a.get(p);
            SkillFile y = b.get(p);
            if (x != null && y != null && x.sha256().equals(y.sha256())) {
                continue;
            }
            Status s = x == null ? Status.ADDED : y == null ? Status.REMOVED : Status.CHANGED;
            boolean binary = (x != null && !x.text()) || (y != null && !y.text());
            out.add(new FileChange(p, s, binary, binary ? null : text(x), binary ? null : text(y)));
        }
        return out;
    }

    /** The changes as one unified patch, a section per file ({@code a/} and {@code b/} labels, as git writes them). */
    public static String unified(String labelA, String labelB, List<FileChange> changes) {
        StringBuilder b = new StringBuilder();
        for (FileChange c : changes) {
            if (c.binary()) {
                b.append("Binary file ").append(c.path()).append(' ').append(c.status().name().toLowerCase(java.util.Locale.ROOT))
                        .append('\n');
                continue;
            }
            List<String> left = c.before().lines().toList();
            List<String> right = c.after().lines().toList();
            List<String> lines = com.github.difflib.UnifiedDiffUtils.generateUnifiedDiff(
                    c.status() == Status.ADDED ? "/dev/null" : labelA + "/" + c.path(),
                    c.status() == Status.REMOVED ? "/dev/null" : labelB + "/" + c.path(), left,
                    com.github.difflib.DiffUtils.diff(left, right), 3);
            lines.forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    private static Map<String, SkillFile> byPath(List<SkillFile> files) {
        Map<String, SkillFile> m = new LinkedHashMap<>();
        files.forEach(f -> m.put(f.path(), f));
        return m;
    }

    private static String text(SkillFile f) {
        return f == null ? "" : new String(f.bytes(), StandardCharsets.UTF_8);
    }
}
