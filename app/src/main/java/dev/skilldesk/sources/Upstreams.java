package dev.skilldesk.sources;

import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillOrigin;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.Source;
import dev.skilldesk.sources.Sources.State;
import dev.skilldesk.sources.Sources.Status;
import dev.skilldesk.sources.Sources.Update;
import dev.skilldesk.sources.Sources.UpstreamDiff;
import dev.skilldesk.store.SourceStore;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.skilldesk.sources.SourceLocations.describe;
import static dev.skilldesk.sources.SourceLocations.hash;
import static dev.skilldesk.sources.SourceLocations.shortCommit;

/**
 * Whether imported skills moved since: each one's upstream state against its source ({@link State}), what updating
 * would bring in, updating (upstream's files as a new version; a three-way merge for a diverged skill, never a silent
 * overwrite), the author's resolution of a merge with conflicts, and pins.
 */
final class Upstreams {
    private final SkillLibrary library;
    private final SourceStore store;
    private final SourceClones clones;
    private final SourceTrees trees;
    private final Clock clock;

    Upstreams(SkillLibrary library, SourceStore store, SourceClones clones, SourceTrees trees, Clock clock) {
        this.library = library;
        this.store = store;
        this.clones = clones;
        this.trees = trees;
        this.clock = clock;
    }

    /** Every imported skill's upstream state (or one skill's, by name), as {@code who} sees the library. */
    List<Status> status(Principal who, String name) {
        List<Status> out = new ArrayList<>();
        try (SourceTrees.Cache cache = trees.new Cache()) {
            for (SkillOrigin o : store.origins()) {
                Optional<Skill> skill = skillById(who, o.skillId());
                if (skill.isEmpty() || (name != null && !matches(skill.get(), name))) {
                    continue;
                }
                Source s = store.byId(o.sourceId()).orElseThrow();
                out.add(status(who, skill.get(), s, o, cache));
            }
        }
        if (name != null && out.isEmpty()) {
            ActiveSkill a = library.resolve(who, name);
            throw new IllegalArgumentException(a.skill().ref()
                    + " came from no source (it was imported from a folder or package, or written here)");
        }
        out.sort(Comparator.comparing(Status::ref));
        return out;
    }

    private Status status(Principal who, Skill skill, Source s, SkillOrigin o, SourceTrees.Cache cache) {
        Upstream up = upstream(s, o, cache);
        if (up.gone() != null) {
            return new Status(skill, s, o, State.SOURCE_GONE, up.gone(), up.commit());
        }
        boolean upstreamChanged = !up.hash().equals(o.baseHash());
        boolean locallyChanged = locallyChanged(who, skill, o);
        State state = upstreamChanged && locallyChanged ? State.DIVERGED : upstreamChanged ? State.UPSTREAM_NEWER
                : locallyChanged ? State.LOCALLY_MODIFIED : State.UP_TO_DATE;
        return new Status(skill, s, o, state, null, up.commit());
    }

    private boolean locallyChanged(Principal who, Skill skill, SkillOrigin o) {
        if (skill.activeVersion() == o.baseVersion()) {
            return false;
        }
        return !versionHash(who, skill, skill.activeVersion()).equals(versionHash(who, skill, o.baseVersion()));
    }

    /** What upstream has at the origin's path now (its pin, when pinned), or why nothing is there. */
    private record Upstream(String commit, String hash, SkillDraft draft, String gone) {
    }

    private Upstream upstream(Source s, SkillOrigin o) {
        try (SourceTrees.Cache cache = trees.new Cache()) {
            return upstream(s, o, cache);
        }
    }

    private Upstream upstream(Source s, SkillOrigin o, SourceTrees.Cache cache) {
        try {
            if (s.kind().isGit()) {
                if (s.fetchError() != null && !o.pinned()) {
                    return new Upstream(null, null, null, "the last fetch failed: " + s.fetchError());
                }
                RevCommit head;
                try {
                    head = o.pinned() ? clones.resolveHead(s, o.pinCommit()) : clones.resolveHead(s, null);
                } catch (IOException | RuntimeException e) {
                    return new Upstream(null, null, null, o.pinned() ? "the pinned commit " + shortCommit(o.pinCommit())
                            + " is not in the repository" : "the ref " + (s.ref() == null ? "HEAD" : s.ref()) + " is gone");
                }
                try (Repository repo = clones.open(s)) {
                    if (o.baseCommit() != null && !o.pinned()) {
                        ObjectId base = repo.resolve(o.baseCommit());
                        if (base == null || !GitTrees.isAncestor(repo, base, head)) {
                            return new Upstream(head.name(), null, null, "the history was rewritten: the commit it was"
                                    + " imported from (" + shortCommit(o.baseCommit()) + ") is no longer in "
                                    + (s.ref() == null ? "the default branch" : s.ref()) + " (a force push?)");
                        }
                    }
                }
                SourceTrees.Tree t = cache.of(s, head);
                if (!t.skillPaths().contains(o.path())) {
                    return new Upstream(head.name(), null, null, "'" + o.path() + "' is no longer in the source");
                }
                String problem = t.problem(o.path());
                if (problem != null) {
                    return new Upstream(head.name(), null, null, problem);
                }
                SkillDraft d = t.read(o.path());
                return new Upstream(head.name(), hash(d), d, null);
            }
            SourceTrees.Tree t = cache.of(s, null);
            if (!t.skillPaths().contains(o.path())) {
                return new Upstream(t.commit(), null, null, "'" + o.path() + "' is no longer in the source");
            }
            SkillDraft d = t.read(o.path());
            return new Upstream(t.commit(), hash(d), d, null);
        } catch (SourceGoneException e) {
            return new Upstream(null, null, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Upstream(null, null, null, describe(e));
        }
    }

    /** See {@link Sources#update}. */
    List<Update> update(Principal who, List<String> names, boolean all, boolean dryRun, boolean acceptRisk) {
        List<Status> targets = new ArrayList<>();
        if (all) {
            targets.addAll(status(who, null));
        } else {
            for (String n : names) {
                targets.addAll(status(who, n));
            }
        }
        List<Update> out = new ArrayList<>();
        for (Status st : targets) {
            out.add(update(who, st, all, dryRun, acceptRisk));
        }
        return out;
    }

    private Update update(Principal who, Status st, boolean onlyClean, boolean dryRun, boolean acceptRisk) {
        String ref = st.ref();
        switch (st.state()) {
            case UP_TO_DATE -> {
                return new Update(ref, st.state(), "up to date", 0, List.of(), null, st.upstream());
            }
            case LOCALLY_MODIFIED -> {
                return new Update(ref, st.state(), "nothing upstream to bring in; your edits are kept", 0, List.of(), null, st.upstream());
            }
            case SOURCE_GONE -> {
                return new Update(ref, st.state(), "not updated: " + st.reason(), 0, List.of(), null, st.upstream());
            }
            default -> {
            }
        }
        Upstream up = upstream(st.source(), st.origin());
        if (up.gone() != null) {
            return new Update(ref, State.SOURCE_GONE, "not updated: " + up.gone(), 0, List.of(), null, st.upstream());
        }
        String content;
        List<SkillFile> files;
        ThreeWayMerge.Result merged = null;
        String how;
        if (st.state() == State.UPSTREAM_NEWER) {
            content = up.draft().content();
            files = up.draft().files();
            how = "updated";
        } else {
            Skill k = st.skill();
            merged = ThreeWayMerge.merge(base(who, st), side(who, k, k.activeVersion()),
                    new ThreeWayMerge.Side(up.draft().content(), up.draft().files()));
            if (!merged.clean()) {
                return new Update(ref, st.state(), onlyClean ? "skipped: the merge has conflicts; update it alone to"
                        + " resolve them" : "conflicts: resolve them in the editor", 0, merged.conflicts(), merged, up.commit());
            }
            content = merged.content();
            files = merged.files();
            how = "merged";
        }
        dev.skilldesk.audit.Auditor.Report audit = dev.skilldesk.audit.Auditor.audit(st.skill().name(), st.origin().path(),
                content, files);
        if (!acceptRisk && audit.high()) {
            return new Update(ref, st.state(), (dryRun ? "would be refused: " : "not updated: ")
                    + dev.skilldesk.library.Importer.trustRefusal(audit), 0, List.of(), merged, up.commit());
        }
        if (dryRun) {
            return new Update(ref, st.state(), "would be " + how + " to " + shortCommit(up.commit()), 0,
                    merged == null ? List.of() : merged.conflicts(), merged, up.commit());
        }
        Skill k = st.skill();
        SaveOutcome o = library.save(who, new SkillDraft("source " + st.source().shortName() + ":" + st.origin().path(),
                k.name(), content, files), new SaveOptions(k.namespace(), k.accessLevel(), k.persona(), how + " from " + st.source().shortName() + " " + shortCommit(up.commit())));
        if (o.status() == SaveOutcome.Status.REJECTED) {
            return new Update(ref, st.state(), "not updated: " + o.reason(), 0, List.of(), merged, up.commit());
        }
        int version = o.version() != null ? o.version().version() : k.activeVersion();
        SkillOrigin was = st.origin();
        // upstream's files taken as they are: that version is the new base. A merge keeps the author's changes, so
        // the base stays the last version equal to upstream (the skill reads as locally-modified), while the
        // upstream side moves to what was merged in
        int baseVersion = merged == null || hash(new SkillDraft("merge", k.name(), content, files)).equals(up.hash())
                ? version : was.baseVersion();
        store.putOrigin(new SkillOrigin(k.id(), was.sourceId(), was.path(), up.commit(), up.hash(), baseVersion, was.pin(),
                was.pinCommit(), clock.instant()));
        String needsFixes = o.validation() != null && o.validation().hasErrors() ? " (needs fixes: "
                + String.join("; ", o.validation().errors().stream().map(Object::toString).toList()) + ")" : "";
        return new Update(ref, st.state(), how + " to " + shortCommit(up.commit()) + " as v" + version + needsFixes, version,
                List.of(), merged, up.commit());
    }

    /**
     * Saves the author's resolution of a merge that had conflicts: {@code content} is SKILL.md as the author
     * resolved it (no conflict markers left: the validator refuses them, naming the line), the other files are the
     * merge's (a file both sides changed keeps yours, as the merge said). It is saved only against the upstream
     * commit the merge was made with: when upstream has moved on since (a fetch in between), nothing is saved and
     * the author updates again, so that no upstream change is skipped unseen.
     */
    SaveOutcome resolveMerge(Principal who, String name, String content, String mergedWith) {
        Status st = one(who, name);
        Upstream up = upstream(st.source(), st.origin());
        if (up.gone() != null) {
            return refused("not saved: " + up.gone());
        }
        if (mergedWith == null || !mergedWith.equals(up.commit())) {
            return refused("not saved: upstream has moved on since this merge (now " + shortCommit(up.commit())
                    + "); your text is still in the editor: copy what you need, Revert, and update again");
        }
        Skill k = st.skill();
        ThreeWayMerge.Result merged = ThreeWayMerge.merge(base(who, st), side(who, k, k.activeVersion()),
                new ThreeWayMerge.Side(up.draft().content(), up.draft().files()));
        SaveOutcome o = library.save(who, new SkillDraft("source " + st.source().shortName() + ":" + st.origin().path(),
                k.name(), content, merged.files()), new SaveOptions(k.namespace(), k.accessLevel(), k.persona(), "merged from " + st.source().shortName() + " " + shortCommit(up.commit())
                + ", conflicts resolved"));
        if (!o.stored()) {
            return o;
        }
        int version = o.version().version();
        SkillOrigin was = st.origin();
        // resolved to exactly upstream's files: that version is the new base (up-to-date), else locally-modified
        int baseVersion = ContentHash.of(content, merged.files()).equals(up.hash()) ? version : was.baseVersion();
        store.putOrigin(new SkillOrigin(k.id(), was.sourceId(), was.path(), up.commit(), up.hash(), baseVersion,
                was.pin(), was.pinCommit(), clock.instant()));
        return o;
    }

    private static SaveOutcome refused(String reason) {
        return new SaveOutcome(SaveOutcome.Status.REJECTED, null, null, null, reason);
    }

    /** {@link UpstreamDiff} of one skill that came from a source. */
    UpstreamDiff diffRows(Principal who, String name) {
        Status st = one(who, name);
        Upstream up = upstream(st.source(), st.origin());
        Skill k = st.skill();
        String ours = st.ref() + " v" + k.activeVersion() + " (the library)";
        if (up.gone() != null) {
            return new UpstreamDiff(up.gone(), ours, "upstream", List.of());
        }
        ThreeWayMerge.Side mine = side(who, k, k.activeVersion());
        String note = st.state() == State.DIVERGED ? "Diverged: you and upstream both changed it since "
                + shortCommit(st.origin().baseCommit()) + ". Updating merges the two, keeping your changes; where both"
                + " changed the same lines, the merge opens in the editor for you to resolve."
                : st.state() == State.LOCALLY_MODIFIED ? "Locally modified: upstream has nothing new; the lines removed"
                + " below are your changes." : null;
        String theirs = st.source().shortName() + " " + shortCommit(up.commit())
                + (st.origin().pinned() ? " (pinned to " + st.origin().pin() + ")" : "") + " (upstream)";
        List<dev.skilldesk.library.FolderDiff.FileChange> changes = dev.skilldesk.library.FolderDiff.between(
                mine.content(), mine.files(), up.draft().content(), up.draft().files());
        return new UpstreamDiff(note, ours, theirs, dev.skilldesk.library.TextDiff.rows(changes,
                dev.skilldesk.library.TextDiff.CONTEXT));
    }

    /**
     * What updating would bring in, as text (the CLI's {@code source diff}): the library's active SKILL.md against
     * upstream's (its pin, when pinned), line by line, and the files upstream adds, removes or changes. For a skill whose
     * source is gone, why.
     */
    String diff(Principal who, String name) {
        Status st = one(who, name);
        Upstream up = upstream(st.source(), st.origin());
        if (up.gone() != null) {
            return st.ref() + ": " + up.gone() + "\n";
        }
        Skill k = st.skill();
        ThreeWayMerge.Side mine = side(who, k, k.activeVersion());
        StringBuilder out = new StringBuilder();
        if (st.state() == State.DIVERGED) {
            out.append("# diverged: you and upstream both changed it since ").append(shortCommit(st.origin().baseCommit()))
                    .append(". Updating merges the two three ways, keeping your changes; where both changed the same")
                    .append(" lines, the merge opens in the editor for you to resolve. Below: yours (-) against upstream's (+).\n");
        } else if (st.state() == State.LOCALLY_MODIFIED) {
            out.append("# locally-modified: upstream has nothing new; the lines below are your changes (-) against it (+).\n");
        }
        out.append("--- ").append(st.ref()).append(" v").append(k.activeVersion()).append(" (the library)\n");
        out.append("+++ ").append(st.source().shortName()).append(' ').append(shortCommit(up.commit()))
                .append(st.origin().pinned() ? " (pinned to " + st.origin().pin() + ")" : "").append(" (upstream)\n");
        for (dev.skilldesk.library.TextDiff.Line l : dev.skilldesk.library.TextDiff.rows(mine.content(),
                up.draft().content(), dev.skilldesk.library.TextDiff.CONTEXT)) {
            switch (l.kind()) {
                case SAME -> out.append("  ").append(l.text()).append('\n');
                case REMOVED -> out.append("- ").append(l.text()).append('\n');
                case ADDED -> out.append("+ ").append(l.text()).append('\n');
                case FOLD -> out.append("@@ ").append(l.folded()).append(" unchanged lines @@\n");
            }
        }
        Map<String, String> ours = new LinkedHashMap<>();
        mine.files().forEach(f -> ours.put(f.path(), f.sha256()));
        Map<String, String> theirs = new LinkedHashMap<>();
        up.draft().files().forEach(f -> theirs.put(f.path(), f.sha256()));
        java.util.TreeSet<String> paths = new java.util.TreeSet<>(ours.keySet());
        paths.addAll(theirs.keySet());
        for (String p : paths) {
            String a = ours.get(p);
            String b = theirs.get(p);
            if (a == null) {
                out.append("file added upstream: ").append(p).append('\n');
            } else if (b == null) {
                out.append("file not upstream: ").append(p).append('\n');
            } else if (!a.equals(b)) {
                out.append("file changed: ").append(p).append('\n');
            }
        }
        return out.toString();
    }

    /** Pins a git skill to a tag, branch or commit: its state compares with that, not the source's ref. */
    SkillOrigin pin(Principal who, String name, String ref) throws IOException {
        Status st = one(who, name);
        if (!st.source().kind().isGit()) {
            throw new IllegalArgumentException(st.ref() + " came from a " + st.source().kind().label()
                    + ", which has no history to pin to");
        }
        RevCommit c;
        try {
            c = clones.resolveHead(st.source(), ref);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("source " + st.source().shortName() + " has no tag, branch or commit '"
                    + ref + "' (fetch it first?)");
        }
        SkillOrigin o = st.origin();
        SkillOrigin pinned = new SkillOrigin(o.skillId(), o.sourceId(), o.path(), o.baseCommit(), o.baseHash(),
                o.baseVersion(), ref, c.name(), clock.instant());
        store.putOrigin(pinned);
        return pinned;
    }

    SkillOrigin unpin(Principal who, String name) {
        Status st = one(who, name);
        SkillOrigin o = st.origin();
        SkillOrigin unpinned = new SkillOrigin(o.skillId(), o.sourceId(), o.path(), o.baseCommit(), o.baseHash(),
                o.baseVersion(), null, null, clock.instant());
        store.putOrigin(unpinned);
        return unpinned;
    }

    private Status one(Principal who, String name) {
        List<Status> s = status(who, name);
        if (s.size() != 1) {
            throw new IllegalArgumentException("'" + name + "' names " + s.size() + " skills from sources");
        }
        return s.get(0);
    }

    private Optional<Skill> skillById(Principal who, long id) {
        return library.byId(id).filter(k -> !k.deleted())
                .flatMap(k -> library.get(who, k.namespace(), k.name())).map(ActiveSkill::skill);
    }

    private static boolean matches(Skill k, String name) {
        return name.equals(k.name()) || name.equals(k.ref().toString());
    }

    private String versionHash(Principal who, Skill k, int version) {
        SkillVersion v = library.version(who, k.namespace(), k.name(), version)
                .orElseThrow(() -> new SkillNotFoundException("no version " + version + " of " + k.ref()));
        return ContentHash.of(v.content(), library.files(who, k.namespace(), k.name(), version));
    }

    /**
     * The merge base: upstream's files at the commit last brought in (read from the clone), or for a folder or
     * package, which keep no history, the library version made from them.
     */
    private ThreeWayMerge.Side base(Principal who, Status st) {
        SkillOrigin o = st.origin();
        if (st.source().kind().isGit() && o.baseCommit() != null) {
            try (Repository repo = clones.open(st.source())) {
                ObjectId id = repo.resolve(o.baseCommit());
                if (id != null) {
                    try (SourceTrees.Tree t = trees.tree(st.source(), GitTrees.commit(repo, id))) {
                        if (t.skillPaths().contains(o.path()) && t.problem(o.path()) == null) {
                            SkillDraft d = t.read(o.path());
                            return new ThreeWayMerge.Side(d.content(), d.files());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall back to the library's copy of the base
            }
        }
        return side(who, st.skill(), o.baseVersion());
    }

    private ThreeWayMerge.Side side(Principal who, Skill k, int version) {
        SkillVersion v = library.version(who, k.namespace(), k.name(), version).orElseThrow();
        return new ThreeWayMerge.Side(v.content(), library.files(who, k.namespace(), k.name(), version));
    }
}
