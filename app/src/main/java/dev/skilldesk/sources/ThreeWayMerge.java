package dev.skilldesk.sources;

import dev.skilldesk.library.ContentHash;
import dev.skilldesk.skill.SkillFile;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A skill's three-way merge: the author's version ("yours") and upstream's ("upstream") against the version both
 * started from ("base"), text by lines (JGit's merge algorithm), SKILL.md and every file. Where only one side
 * changed a file, that side wins; where both changed the same lines, the result carries conflict markers
 * ({@code <<<<<<< yours}, {@code =======}, {@code >>>>>>> upstream}) in SKILL.md, for the author to resolve in the
 * editor, and the conflict is listed; any other file both sides changed (text or binary) keeps yours, and the
 * conflict says so.
 */
public final class ThreeWayMerge {
    /** A side of the merge: SKILL.md's text and the files. */
    public record Side(String content, List<SkillFile> files) {
    }

    /** The merged SKILL.md and files, and the conflicts (empty: it merged cleanly). */
    public record Result(String content, List<SkillFile> files, List<String> conflicts) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    private ThreeWayMerge() {
    }

    public static Result merge(Side base, Side yours, Side upstream) {
        List<String> conflicts = new ArrayList<>();
        String content = mergeText("SKILL.md", base.content(), yours.content(), upstream.content(), conflicts);
        Map<String, SkillFile> b = byPath(base.files());
        Map<String, SkillFile> y = byPath(yours.files());
        Map<String, SkillFile> u = byPath(upstream.files());
        TreeSet<String> paths = new TreeSet<>();
        paths.addAll(b.keySet());
        paths.addAll(y.keySet());
        paths.addAll(u.keySet());
        List<SkillFile> files = new ArrayList<>();
        for (String p : paths) {
            byte[] bb = bytes(b.get(p));
            byte[] yb = bytes(y.get(p));
            byte[] ub = bytes(u.get(p));
            byte[] out;
            if (Arrays.equals(yb, ub)) {
                out = yb;
            } else if (Arrays.equals(yb, bb)) {
                out = ub;
            } else if (Arrays.equals(ub, bb)) {
                out = yb;
            } else if (yb == null || ub == null) {
                conflicts.add(p + ": " + (yb == null ? "you deleted it, upstream changed it" : "upstream deleted it, you changed it"));
                out = yb != null ? yb : ub;
            } else if (RawText.isBinary(yb) || RawText.isBinary(ub) || (bb != null && RawText.isBinary(bb))) {
                conflicts.add(p + ": a binary file both sides changed (yours is kept)");
                out = yb;
            } else {
                int before = conflicts.size();
                out = mergeText(p, bb == null ? "" : new String(bb, StandardCharsets.UTF_8),
                        new String(yb, StandardCharsets.UTF_8), new String(ub, StandardCharsets.UTF_8), conflicts)
                        .getBytes(StandardCharsets.UTF_8);
                if (conflicts.size() > before) {
                    // only SKILL.md is resolved in the editor: a file with conflicts keeps yours, and says so
                    conflicts.set(conflicts.size() - 1, conflicts.get(conflicts.size() - 1) + "; yours is kept");
                    out = yb;
                }
            }
            if (out != null) {
                files.add(new SkillFile(p, out, ContentHash.sha256(out), !RawText.isBinary(out)));
            }
        }
        return new Result(content, files, conflicts);
    }

    static String mergeText(String name, String base, String yours, String upstream, List<String> conflicts) {
        if (yours.equals(upstream)) {
            return yours;
        }
        if (yours.equals(base)) {
            return upstream;
        }
        if (upstream.equals(base)) {
            return yours;
        }
        MergeResult<RawText> r = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, text(base), text(yours), text(upstream));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, r, List.of("base", "yours", "upstream"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String merged = out.toString(StandardCharsets.UTF_8);
        if (r.containsConflicts()) {
            int n = (int) merged.lines().filter(l -> l.startsWith("<<<<<<< ")).count();
            conflicts.add(name + ": " + n + " conflicting change" + (n == 1 ? "" : "s") + " (marked <<<<<<< yours … >>>>>>> upstream)");
        }
        return merged;
    }

    private static RawText text(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, SkillFile> byPath(List<SkillFile> files) {
        Map<String, SkillFile> m = new LinkedHashMap<>();
        for (SkillFile f : files) {
            m.put(f.path(), f);
        }
        return m;
    }

    private static byte[] bytes(SkillFile f) {
        return f == null ? null : f.bytes();
    }
}
