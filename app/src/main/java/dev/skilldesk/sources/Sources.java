package dev.skilldesk.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.FileTrees;
import dev.skilldesk.library.WriteRoot;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.PackageRefusedException;
import dev.skilldesk.library.SafeZip;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillFolderReader;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillOrigin;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.Source;
import dev.skilldesk.store.SourceStore;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where skills come from and whether they moved since: sources (a folder, a {@code .skill}/zip package, a git
 * repository, a Claude Code plugin marketplace), the skills each offers, importing them with their origin
 * remembered, the upstream state of each imported skill ({@link State}), updating (a new version; a three-way
 * merge for a diverged skill, never a silent overwrite), pinning. Git goes through JGit: a bare clone per source
 * under {@code <data>/sources/}, fetched on demand; a commit's tree is written out as plain files
 * ({@link GitTrees}) and read by the same reader every import uses, so a source is as hostile an input as any
 * folder: links, submodules, LFS pointers and oversized files are refused with their reason.
 */
public final class Sources {
    /** A skill's upstream state. */
    public enum State {
        UP_TO_DATE("up-to-date"), UPSTREAM_NEWER("upstream-newer"), LOCALLY_MODIFIED("locally-modified"),
        DIVERGED("diverged"), SOURCE_GONE("source-gone");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A skill a source offers: its folder (relative to the source), name, description, and why not, if refused. */
    public record Found(String path, String name, String description, String problem, String importedAs,
                        dev.skilldesk.audit.Auditor.Report audit) {
        public Found(String path, String name, String description, String problem, String importedAs) {
            this(path, name, description, problem, importedAs, null);
        }

        public boolean importable() {
            return problem == null;
        }
    }

    /** An imported skill's upstream state, with why (for source-gone) and the commit compared with. */
    public record Status(Skill skill, Source source, SkillOrigin origin, State state, String reason, String upstream) {
        public String ref() {
            return skill.ref().toString();
        }
    }

    /** What an update did, or would do (a dry run). */
    public record Update(String skill, State before, String outcome, int version, List<String> conflicts,
                         ThreeWayMerge.Result merge, String upstream) {
        public boolean updated() {
            return version > 0;
        }
    }

    /** What a source import did. */
    public record Imported(String path, String skill, String outcome, int version) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SkillLibrary library;
    private final SourceStore store;
    private final Path home;
    /** The data directory: clones are written under it, never through a link ({@link WriteRoot}). */
    private final WriteRoot dataRoot;
    private final Clock clock;

    public Sources(SkillLibrary library, SourceStore store, Path dataDir, Clock clock) {
        this.library = library;
        this.store = store;
        this.home = dataDir.resolve("sources");
        this.dataRoot = WriteRoot.of(dataDir);
        this.clock = clock;
    }

    // ---- sources -----------------------------------------------------------------------------

    /**
     * Adds a source (the same location, ref and sub-path again is the one added before): a folder or package by
     * its path, else a git URL ({@code file://}, {@code https://}, {@code ssh://}, {@code git@host:path}), cloned
     * now, so that a URL that cannot be cloned is refused with git's reason and nothing is kept.
     */
    public Source add(Principal who, String location, String ref, String subpath, String namespace) throws IOException {
        String sub = cleanSubpath(subpath);
        Path local = localPath(location);
        Source.Kind kind;
        String where;
        if (local != null && Files.isDirectory(local) && !Files.exists(local.resolve("HEAD"))
                && !Files.isDirectory(local.resolve(".git"))) {
            kind = Source.Kind.FOLDER;
            where = local.toAbsolutePath().normalize().toString();
            if (ref != null) {
                throw new IllegalArgumentException(location + " is a folder, not a git repository: it has no --ref");
            }
        } else if (local != null && Files.isRegularFile(local)) {
            if (!Importer.isPackage(local)) {
                throw new IllegalArgumentException(location + " is neither a folder, a .skill/.zip package nor a git URL");
            }
            kind = Source.Kind.PACKAGE;
            where = local.toAbsolutePath().normalize().toString();
        } else if (local != null && Files.isDirectory(local)) {
            kind = Source.Kind.GIT; // a local repository, by its path
            where = local.toAbsolutePath().normalize().toUri().toString();
        } else if (looksLikeGit(location)) {
            kind = Source.Kind.GIT;
            where = location.strip();
        } else {
            throw new IllegalArgumentException(location + ": no such folder or package, and not a git URL");
        }
        Optional<Source> same = store.find(where, ref, sub);
        if (same.isPresent()) {
            return same.get();
        }
        String shortName = uniqueName(shortNameOf(where));
        Source added = store.add(shortName, kind, where, ref, sub, namespace, who.agentId(), clock.instant());
        if (kind.isGit()) {
            try {
                cloneInto(added);
                RevCommit head = resolveHead(added, null);
                boolean marketplace = readAt(added, head, ".claude-plugin/marketplace.json") != null;
                if (marketplace) {
                    store.delete(added.id());
                    added = store.add(shortName, Source.Kind.MARKETPLACE, where, ref, sub, namespace, who.agentId(),
                            clock.instant());
                    renameClone(shortName, added);
                }
                store.fetched(added.id(), head.name(), null, clock.instant());
            } catch (IOException | RuntimeException e) {
                store.delete(added.id());
                dropClone(cloneDir(added));
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        } else {
            store.fetched(added.id(), fingerprint(added), null, clock.instant());
        }
        return store.byId(added.id()).orElseThrow();
    }

    public List<Source> list() {
        return store.all();
    }

    /** A source by the short name {@code add} printed, or the URL or path given to it. */
    public Source source(String nameOrLocation) {
        Optional<Source> byName = store.byShortName(nameOrLocation);
        if (byName.isPresent()) {
            return byName.get();
        }
        for (Source s : store.all()) {
            if (s.location().equals(nameOrLocation) || s.location().equals(normalizeLocation(nameOrLocation))) {
                return s;
            }
        }
        throw new IllegalArgumentException("no source '" + nameOrLocation + "'; the sources are "
                + String.join(", ", store.all().stream().map(Source::shortName).toList()));
    }

    /** Fetches a git source (a folder or package: looks at it again); returns it as it is now. */
    public Source fetch(Source s) {
        try {
            if (s.kind().isGit()) {
                if (!Files.isDirectory(cloneDir(s))) {
                    cloneInto(s);
                }
                try (Git git = Git.open(cloneDir(s).toFile())) {
                    git.fetch().setRemote("origin").setRemoveDeletedRefs(true)
                            .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                            .call();
                }
                store.fetched(s.id(), resolveHead(s, null).name(), null, clock.instant());
            } else {
                store.fetched(s.id(), fingerprint(s), null, clock.instant());
            }
        } catch (IOException | GitAPIException | RuntimeException e) {
            store.fetched(s.id(), null, describe(e), clock.instant());
        }
        return store.byId(s.id()).orElseThrow();
    }

    /**
     * Fetches every source last fetched longer than {@code every} ago (or never): what a schedule runs, in the app
     * and from cron ({@code source fetch --older-than 1h}). Returns the sources as they are after fetching.
     */
    public List<Source> fetchDue(java.time.Duration every) {
        java.time.Instant cutoff = clock.instant().minus(every);
        List<Source> out = new ArrayList<>();
        for (Source s : list()) {
            if (s.fetchedAt() == null || s.fetchedAt().isBefore(cutoff)) {
                out.add(fetch(s));
            }
        }
        return out;
    }

    /** The skills a source offers now, each with its validation verdict and the library skill it became, if any. */
    public List<Found> browse(Principal who, Source s) throws IOException {
        List<Found> out = new ArrayList<>();
        Map<String, SkillOrigin> imported = new LinkedHashMap<>();
        for (SkillOrigin o : store.originsOf(s.id())) {
            imported.put(o.path(), o);
        }
        try (Tree t = tree(s, null)) {
            for (String path : t.skillPaths()) {
                String importedAs = Optional.ofNullable(imported.get(path)).flatMap(o -> skillById(who, o.skillId()))
                        .map(k -> k.ref().toString()).orElse(null);
                String problem = t.problem(path);
                if (problem != null) {
                    out.add(new Found(path, lastSegment(path), null, problem, importedAs));
                    continue;
                }
                try {
                    SkillDraft d = t.read(path);
                    var parsed = new SkillMdParser().parse(d.content());
                    String name = parsed.string("name");
                    String description = parsed.string("description");
                    String shown = name == null || name.isBlank() ? lastSegment(path) : name;
                    out.add(new Found(path, shown, description, parsed.metadata() == null || parsed.metadata().isEmpty()
                            ? "SKILL.md has no readable frontmatter" : null, importedAs,
                            dev.skilldesk.audit.Auditor.audit(shown, path, d.content(), d.files())));
                } catch (IOException | RuntimeException e) {
                    out.add(new Found(path, lastSegment(path), null, describe(e), importedAs));
                }
            }
        }
        return out;
    }

    /**
     * Imports the named skills of a source (a name, or a path as {@link #browse} lists it; none: all), each
     * remembered with its origin. A skill already imported from there is brought up to date only when it has
     * no local edits (else: use {@link #update}).
     */
    public List<Imported> importSkills(Principal who, Source s, List<String> names) throws IOException {
        return importSkills(who, s, names, false);
    }

    /** As above; {@code acceptRisk}: let in the skills the trust check finds a high finding in (else refused, with it). */
    public List<Imported> importSkills(Principal who, Source s, List<String> names, boolean acceptRisk) throws IOException {
        List<Imported> out = new ArrayList<>();
        String namespace = s.namespace() != null ? s.namespace() : who.namespace();
        try (Tree t = tree(s, null)) {
            List<String> paths = t.skillPaths();
            List<String> chosen = names == null || names.isEmpty() ? paths : new ArrayList<>();
            if (names != null && !names.isEmpty()) {
                for (String n : names) {
                    String match = paths.stream().filter(p -> p.equals(n) || lastSegment(p).equals(n)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("source " + s.shortName() + " has no skill '"
                                    + n + "'; it has " + String.join(", ", paths.stream().map(Sources::lastSegment).toList())));
                    chosen.add(match);
                }
            }
            for (String path : chosen) {
                String problem = t.problem(path);
                if (problem != null) {
                    out.add(new Imported(path, null, "refused: " + problem, 0));
                    continue;
                }
                SkillDraft d;
                try {
                    d = t.read(path);
                } catch (IOException | RuntimeException e) {
                    out.add(new Imported(path, null, "refused: " + describe(e), 0));
                    continue;
                }
                if (!acceptRisk) {
                    dev.skilldesk.audit.Auditor.Report audit = dev.skilldesk.audit.Auditor.audit(lastSegment(path), path,
                            d.content(), d.files());
                    if (audit.high()) {
                        out.add(new Imported(path, null, dev.skilldesk.library.Importer.trustRefusal(audit), 0));
                        continue;
                    }
                }
                SaveOutcome o = library.save(who, new SkillDraft("source " + s.shortName() + ":" + path,
                        d.folderName(), d.content(), d.files()), new SaveOptions(namespace, AccessLevel.TEAM, null, "imported from " + s.shortName() + " " + shortCommit(t.commit())
                        + " (" + path + ")"));
                if (o.skill() == null || o.status() == SaveOutcome.Status.REJECTED) {
                    out.add(new Imported(path, null, "refused: " + o.reason(), 0));
                    continue;
                }
                int version = o.version() != null ? o.version().version() : o.skill().activeVersion();
                store.putOrigin(new SkillOrigin(o.skill().id(), s.id(), path, t.commit(), hash(d), version, null, null,
                        clock.instant()));
                out.add(new Imported(path, o.skill().ref().toString(),
                        o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), version));
            }
        }
        return out;
    }

    // ---- upstream states ---------------------------------------------------------------------

    /** Every imported skill's upstream state (or one skill's, by name), as {@code who} sees the library. */
    public List<Status> status(Principal who, String name) {
        List<Status> out = new ArrayList<>();
        try (Trees trees = new Trees()) {
            for (SkillOrigin o : store.origins()) {
                Optional<Skill> skill = skillById(who, o.skillId());
                if (skill.isEmpty() || (name != null && !matches(skill.get(), name))) {
                    continue;
                }
                Source s = store.byId(o.sourceId()).orElseThrow();
                out.add(status(who, skill.get(), s, o, trees));
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

    private Status status(Principal who, Skill skill, Source s, SkillOrigin o, Trees trees) {
        Upstream up = upstream(s, o, trees);
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
        try (Trees trees = new Trees()) {
            return upstream(s, o, trees);
        }
    }

    /**
     * The trees read during one call, by source and commit: the states of a source's hundred skills read the
     * source once, not a hundred times. Closing it deletes what they wrote.
     */
    private final class Trees implements AutoCloseable {
        private final Map<String, Tree> open = new LinkedHashMap<>();

        Tree of(Source s, RevCommit at) throws IOException {
            String key = s.id() + "@" + (at == null ? "" : at.name());
            Tree t = open.get(key);
            if (t == null) {
                t = tree(s, at);
                open.put(key, t);
            }
            return t;
        }

        @Override
        public void close() {
            open.values().forEach(Tree::close);
            open.clear();
        }
    }

    private Upstream upstream(Source s, SkillOrigin o, Trees trees) {
        try {
            if (s.kind().isGit()) {
                if (s.fetchError() != null && !o.pinned()) {
                    return new Upstream(null, null, null, "the last fetch failed: " + s.fetchError());
                }
                RevCommit head;
                try {
                    head = o.pinned() ? resolveHead(s, o.pinCommit()) : resolveHead(s, null);
                } catch (IOException | RuntimeException e) {
                    return new Upstream(null, null, null, o.pinned() ? "the pinned commit " + shortCommit(o.pinCommit())
                            + " is not in the repository" : "the ref " + (s.ref() == null ? "HEAD" : s.ref()) + " is gone");
                }
                try (Repository repo = openRepo(s)) {
                    if (o.baseCommit() != null && !o.pinned()) {
                        ObjectId base = repo.resolve(o.baseCommit());
                        if (base == null || !GitTrees.isAncestor(repo, base, head)) {
                            return new Upstream(head.name(), null, null, "the history was rewritten: the commit it was"
                                    + " imported from (" + shortCommit(o.baseCommit()) + ") is no longer in "
                                    + (s.ref() == null ? "the default branch" : s.ref()) + " (a force push?)");
                        }
                    }
                }
                Tree t = trees.of(s, head);
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
            Tree t = trees.of(s, null);
            if (!t.skillPaths().contains(o.path())) {
                return new Upstream(t.commit(), null, null, "'" + o.path() + "' is no longer in the source");
            }
            SkillDraft d = t.read(o.path());
            return new Upstream(t.commit(), hash(d), d, null);
        } catch (NoSuchSource e) {
            return new Upstream(null, null, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Upstream(null, null, null, describe(e));
        }
    }

    // ---- updating ----------------------------------------------------------------------------

    /**
     * Brings upstream in as a new version: an upstream-newer skill takes upstream's files; a diverged one the
     * three-way merge of yours and upstream's against the base, saved only when it merged cleanly (else the
     * conflicts are returned, and the merged text with their markers, for the author to resolve). Others are left
     * as they are. {@code all}: every skill that can be updated cleanly. {@code dryRun}: nothing is written.
     */
    public List<Update> update(Principal who, List<String> names, boolean all, boolean dryRun) {
        return update(who, names, all, dryRun, false);
    }

    /** As above; {@code acceptRisk}: bring in upstream even where the trust check finds a high finding in it. */
    public List<Update> update(Principal who, List<String> names, boolean all, boolean dryRun, boolean acceptRisk) {
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
        return new Update(ref, st.state(), how + " to " + shortCommit(up.commit()) + " as v" + version, version,
                List.of(), merged, up.commit());
    }

    /**
     * Saves the author's resolution of a merge that had conflicts: {@code content} is SKILL.md as the author
     * resolved it (no conflict markers left: the validator refuses them, naming the line), the other files are the
     * merge's (a file both sides changed keeps yours, as the merge said). It is saved only against the upstream
     * commit the merge was made with: when upstream has moved on since (a fetch in between), nothing is saved and
     * the author updates again, so that no upstream change is skipped unseen.
     */
    public SaveOutcome resolveMerge(Principal who, String name, String content, String mergedWith) {
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

    /**
     * What updating would bring in: the library's active SKILL.md against upstream's (its pin, when pinned), line by
     * line, and the files upstream adds, removes or changes. For a skill whose source is gone, why.
     */
    /**
     * What updating a skill would bring in, every file of it: a note on the state (diverged, locally-modified), the two
     * sides' labels, and the rows of the folder's diff (yours before, upstream's after), as the Versions view shows them.
     */
    public record UpstreamDiff(String note, String ours, String theirs, List<dev.skilldesk.library.TextDiff.Line> rows) {
    }

    /** {@link UpstreamDiff} of one skill that came from a source. */
    public UpstreamDiff diffRows(Principal who, String name) {
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

    public String diff(Principal who, String name) {
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
    public SkillOrigin pin(Principal who, String name, String ref) throws IOException {
        Status st = one(who, name);
        if (!st.source().kind().isGit()) {
            throw new IllegalArgumentException(st.ref() + " came from a " + st.source().kind().label()
                    + ", which has no history to pin to");
        }
        RevCommit c;
        try {
            c = resolveHead(st.source(), ref);
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

    public SkillOrigin unpin(Principal who, String name) {
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

    // ---- reading a source ----------------------------------------------------------------------

    /** A source as files at one revision: its skill folders (paths relative to the source) and their drafts. */
    private interface Tree extends AutoCloseable {
        List<String> skillPaths();

        /** Why the skill at {@code path} cannot be read as it is (a link, an LFS pointer …), or null. */
        String problem(String path);

        SkillDraft read(String path) throws IOException;

        /** The commit (or the package's hash, or null for a folder) these files are. */
        String commit();

        @Override
        void close();
    }

    private static final class NoSuchSource extends RuntimeException {
        NoSuchSource(String message) {
            super(message);
        }
    }

    private Tree tree(Source s, RevCommit at) throws IOException {
        switch (s.kind()) {
            case FOLDER -> {
                Path root = Path.of(s.location());
                if (s.subpath() != null) {
                    root = root.resolve(s.subpath());
                }
                if (!Files.isDirectory(root)) {
                    throw new NoSuchSource("the folder " + root + " is gone");
                }
                return folderTree(root, null, null, null);
            }
            case PACKAGE -> {
                Path pkg = Path.of(s.location());
                if (!Files.isRegularFile(pkg)) {
                    throw new NoSuchSource("the package " + pkg + " is gone");
                }
                Path temp = Files.createTempDirectory("skilldesk-source-");
                try {
                    Path into = temp.resolve("package");
                    Files.createDirectory(into);
                    SafeZip.extract(pkg, into);
                    Path root = s.subpath() == null ? into : into.resolve(s.subpath());
                    return folderTree(root, null, ContentHash.sha256(Files.readAllBytes(pkg)), temp);
                } catch (PackageRefusedException e) {
                    deleteTree(temp);
                    throw new IOException("the package is refused: " + e.getMessage(), e);
                } catch (IOException | RuntimeException e) {
                    deleteTree(temp);
                    throw e;
                }
            }
            default -> {
                RevCommit commit = at != null ? at : resolveHead(s, null);
                Path temp = Files.createTempDirectory("skilldesk-source-");
                try (Repository repo = openRepo(s)) {
                    String sub = s.subpath() == null ? "" : s.subpath();
                    if (!GitTrees.isFolder(repo, commit, sub)) {
                        throw new NoSuchSource("'" + sub + "' is not a folder at " + shortCommit(commit.name()));
                    }
                    GitTrees.Written w = GitTrees.materialize(repo, commit, sub, temp.resolve("tree"));
                    Files.createDirectories(w.root());
                    List<String> only = s.kind() == Source.Kind.MARKETPLACE ? marketplaceSkillRoots(repo, commit, sub) : null;
                    return folderTree(w.root(), w, commit.name(), temp, only);
                } catch (IOException | RuntimeException e) {
                    deleteTree(temp);
                    throw e;
                }
            }
        }
    }

    private Tree folderTree(Path root, GitTrees.Written written, String commit, Path cleanup) throws IOException {
        return folderTree(root, written, commit, cleanup, null);
    }

    /** {@code only}: the folders (relative) whose skills count (a marketplace's plugins' skills folders). */
    private Tree folderTree(Path root, GitTrees.Written written, String commit, Path cleanup, List<String> only)
            throws IOException {
        SkillFolderReader.Scan scan = SkillFolderReader.scan(root);
        List<String> paths = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Path f : scan.folders()) {
            paths.add(rel(root, f));
        }
        for (SkillFolderReader.Skipped r : scan.refused()) {
            String p = rel(root, r.path().getFileName().toString().equals("SKILL.md") ? r.path().getParent() : r.path());
            paths.add(p);
            refused.put(p, r.reason());
        }
        if (written != null) {
            // a skill whose SKILL.md itself was not written (a link, an LFS pointer) is still a skill of the source
            for (String p : written.notWritten().keySet()) {
                if (p.equals("SKILL.md") || p.endsWith("/SKILL.md")) {
                    String folder = p.equals("SKILL.md") ? "" : p.substring(0, p.length() - "/SKILL.md".length());
                    if (!paths.contains(folder)) {
                        paths.add(folder);
                    }
                }
            }
        }
        if (only != null) {
            paths.removeIf(p -> only.stream().noneMatch(o -> p.startsWith(o + "/")));
        }
        paths = paths.stream().distinct().sorted().toList();
        List<String> finalPaths = paths;
        return new Tree() {
            @Override
            public List<String> skillPaths() {
                return finalPaths;
            }

            @Override
            public String problem(String path) {
                if (refused.containsKey(path)) {
                    return refused.get(path);
                }
                return written == null ? null : written.problemUnder(path);
            }

            @Override
            public SkillDraft read(String path) throws IOException {
                String p = problem(path);
                if (p != null) {
                    throw new IOException(p);
                }
                Path folder = path.isEmpty() ? root : root.resolve(path);
                return SkillFolderReader.read(folder);
            }

            @Override
            public String commit() {
                return commit;
            }

            @Override
            public void close() {
                if (cleanup != null) {
                    deleteTree(cleanup);
                }
            }
        };
    }

    /** The plugins' {@code skills} folders a marketplace lists (relative to the sub-path); remote plugins are not followed. */
    private List<String> marketplaceSkillRoots(Repository repo, RevCommit commit, String sub) throws IOException {
        String prefix = sub.isEmpty() ? "" : sub + "/";
        byte[] json = GitTrees.readFile(repo, commit, prefix + ".claude-plugin/marketplace.json", 1024 * 1024);
        List<String> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        JsonNode plugins = JSON.readTree(json).path("plugins");
        for (JsonNode p : plugins) {
            JsonNode src = p.get("source");
            if (src == null || !src.isTextual()) {
                continue; // a plugin from elsewhere (github, url): not part of this repository
            }
            String path = src.asText().replaceFirst("^\\./", "").replaceAll("/+$", "");
            if (FileNames.pathProblem(path.isEmpty() ? "." : path) != null && !path.isEmpty()) {
                continue;
            }
            out.add(path.isEmpty() ? "skills" : path + "/skills");
        }
        return out;
    }

    private static String rel(Path root, Path p) {
        String r = root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
        return r.replace('\\', '/');
    }

    // ---- git -----------------------------------------------------------------------------------

    Path cloneDir(Source s) {
        return home.resolve(s.shortName() + ".git");
    }

    private void cloneInto(Source s) throws IOException {
        Path dir = dataRoot.check(cloneDir(s));
        dataRoot.createDirectories(home);
        dataRoot.delete(dir);
        try (Git ignored = Git.cloneRepository().setURI(s.location()).setDirectory(dir.toFile()).setBare(true)
                .setCloneAllBranches(true).call()) {
            // cloned
        } catch (GitAPIException | RuntimeException e) {
            dropClone(dir);
            throw new IOException("cannot clone " + s.location() + ": " + describe(e), e);
        }
    }

    /** Deletes a clone under the data directory, by the write rule; one that cannot be deleted is left. */
    private void dropClone(Path dir) {
        try {
            dataRoot.delete(dir);
        } catch (IOException e) {
            // left behind; the next clone into the same place deletes it first, or says why it cannot
        }
    }

    private void renameClone(String shortName, Source now) throws IOException {
        // the clone is named by the short name, which both records share: nothing to move
        if (!Files.isDirectory(cloneDir(now))) {
            cloneInto(now);
        }
    }

    private Repository openRepo(Source s) throws IOException {
        Path dir = cloneDir(s);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchSource("the clone of " + s.shortName() + " is missing; fetch it");
        }
        return Git.open(dir.toFile()).getRepository();
    }

    /** The commit {@code rev} names (a tag, branch or commit), else the source's ref, else the default branch. */
    private RevCommit resolveHead(Source s, String rev) throws IOException {
        try (Repository repo = openRepo(s)) {
            String want = rev != null ? rev : s.ref() != null ? s.ref() : "HEAD";
            ObjectId id = null;
            for (String candidate : List.of(want, "refs/heads/" + want, "refs/tags/" + want)) {
                try {
                    id = repo.resolve(candidate + "^{commit}");
                } catch (RuntimeException | IOException ignored) {
                    id = null;
                }
                if (id != null) {
                    break;
                }
            }
            if (id == null) {
                throw new IOException("no tag, branch or commit '" + want + "' in " + s.shortName());
            }
            return GitTrees.commit(repo, id);
        }
    }

    private byte[] readAt(Source s, RevCommit c, String path) throws IOException {
        try (Repository repo = openRepo(s)) {
            String prefix = s.subpath() == null ? "" : s.subpath() + "/";
            return GitTrees.readFile(repo, c, prefix + path, 1024 * 1024);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private String fingerprint(Source s) {
        try {
            if (s.kind() == Source.Kind.PACKAGE) {
                return ContentHash.sha256(Files.readAllBytes(Path.of(s.location())));
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            try (Repository repo = openRepo(st.source())) {
                ObjectId id = repo.resolve(o.baseCommit());
                if (id != null) {
                    try (Tree t = tree(st.source(), GitTrees.commit(repo, id))) {
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

    static String hash(SkillDraft d) {
        return ContentHash.of(d.content(), d.files());
    }

    static String shortCommit(String c) {
        return c == null ? "" : c.length() > 12 ? c.substring(0, 12) : c;
    }

    static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String cleanSubpath(String subpath) {
        if (subpath == null || subpath.isBlank() || subpath.strip().equals(".") || subpath.strip().equals("/")) {
            return null;
        }
        String p = subpath.strip().replace('\\', '/').replaceAll("^/+|/+$", "");
        String problem = FileNames.pathProblem(p);
        if (problem != null) {
            throw new IllegalArgumentException("--path '" + subpath + "': " + problem);
        }
        return p;
    }

    private static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return null; // a URL: git
        }
        if (looksLikeGit(location) && !Files.exists(Path.of(location))) {
            return null;
        }
        try {
            return Path.of(location);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean looksLikeGit(String location) {
        String l = location.strip();
        return l.contains("://") || l.matches("^[\\w.-]+@[\\w.-]+:.+") || l.endsWith(".git");
    }

    private static String normalizeLocation(String location) {
        Path local = localPath(location);
        if (local != null && Files.exists(local)) {
            Path abs = local.toAbsolutePath().normalize();
            return Files.isDirectory(abs) && (Files.exists(abs.resolve("HEAD")) || Files.isDirectory(abs.resolve(".git")))
                    ? abs.toUri().toString() : abs.toString();
        }
        return location.strip();
    }

    private static String shortNameOf(String where) {
        String w = where.replaceAll("/+$", "");
        String last = w.substring(Math.max(w.lastIndexOf('/'), w.lastIndexOf(':')) + 1);
        last = last.replaceFirst("(?i)\\.(git|skill|zip)$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (!last.isEmpty() && dev.skilldesk.skill.WindowsNames.problem(last + ".git") != null) {
            last = last + "-source"; // "aux.git" would name a device on Windows: the clone's folder is named after it
        }
        return last.isEmpty() ? "source" : last;
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; store.byShortName(name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Deletes a temporary folder of this class's own (links inside removed, never followed). */
    static void deleteTree(Path p) {
        FileTrees.deleteQuietly(p);
    }
}
