package dev.skilldesk.sources;

import dev.skilldesk.library.ContentHash;
import dev.skilldesk.library.Importer;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillOrigin;
import dev.skilldesk.skill.Source;
import dev.skilldesk.store.SourceStore;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.skilldesk.sources.SourceLocations.cleanSubpath;
import static dev.skilldesk.sources.SourceLocations.describe;
import static dev.skilldesk.sources.SourceLocations.hash;
import static dev.skilldesk.sources.SourceLocations.lastSegment;
import static dev.skilldesk.sources.SourceLocations.localPath;
import static dev.skilldesk.sources.SourceLocations.looksLikeGit;
import static dev.skilldesk.sources.SourceLocations.normalizeLocation;
import static dev.skilldesk.sources.SourceLocations.shortCommit;
import static dev.skilldesk.sources.SourceLocations.shortNameOf;

/**
 * Where skills come from and whether they moved since: sources (a folder, a {@code .skill}/zip package, a git
 * repository, a Claude Code plugin marketplace), the skills each offers, importing them with their origin
 * remembered, the upstream state of each imported skill ({@link State}), updating (a new version; a three-way
 * merge for a diverged skill, never a silent overwrite), pinning. The use cases' one entry point: the registry and
 * the imports are here; a source read as files is {@link SourceTrees}, git is {@link SourceClones} (a bare clone per
 * source, fetched on demand), upstream states and updates are {@link Upstreams}. A source is as hostile an input as
 * any folder: links, submodules, LFS pointers and oversized files are refused with their reason.
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

    /**
     * What updating a skill would bring in, every file of it: a note on the state (diverged, locally-modified), the two
     * sides' labels, and the rows of the folder's diff (yours before, upstream's after), as the Versions view shows them.
     */
    public record UpstreamDiff(String note, String ours, String theirs, List<dev.skilldesk.library.TextDiff.Line> rows) {
    }

    private final SkillLibrary library;
    private final SourceStore store;
    private final Clock clock;
    private final SourceClones clones;
    private final SourceTrees trees;
    private final Upstreams upstreams;

    public Sources(SkillLibrary library, SourceStore store, Path dataDir, Clock clock) {
        this.library = library;
        this.store = store;
        this.clock = clock;
        this.clones = new SourceClones(dataDir);
        this.trees = new SourceTrees(clones);
        this.upstreams = new Upstreams(library, store, clones, trees, clock);
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
                clones.cloneInto(added);
                RevCommit head = clones.resolveHead(added, null);
                boolean marketplace = clones.readAt(added, head, ".claude-plugin/marketplace.json") != null;
                if (marketplace) {
                    store.delete(added.id());
                    added = store.add(shortName, Source.Kind.MARKETPLACE, where, ref, sub, namespace, who.agentId(),
                            clock.instant());
                    clones.ensureClone(added); // the clone is named by the short name, which both records share
                }
                store.fetched(added.id(), head.name(), null, clock.instant());
            } catch (IOException | RuntimeException e) {
                store.delete(added.id());
                clones.drop(added);
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
                clones.fetch(s);
                store.fetched(s.id(), clones.resolveHead(s, null).name(), null, clock.instant());
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
        try (SourceTrees.Tree t = trees.tree(s, null)) {
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
        AccessLevel access = library.defaultAccess();
        try (SourceTrees.Tree t = trees.tree(s, null)) {
            List<String> paths = t.skillPaths();
            List<String> chosen = names == null || names.isEmpty() ? paths : new ArrayList<>();
            if (names != null && !names.isEmpty()) {
                for (String n : names) {
                    String match = paths.stream().filter(p -> p.equals(n) || lastSegment(p).equals(n)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("source " + s.shortName() + " has no skill '"
                                    + n + "'; it has " + String.join(", ", paths.stream().map(SourceLocations::lastSegment).toList())));
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
                        d.folderName(), d.content(), d.files()), new SaveOptions(namespace, access, null,
                        "imported from " + s.shortName() + " " + shortCommit(t.commit()) + " (" + path + ")"));
                if (o.skill() == null || o.status() == SaveOutcome.Status.REJECTED) {
                    out.add(new Imported(path, null, "refused: " + o.reason(), 0));
                    continue;
                }
                int version = o.version() != null ? o.version().version() : o.skill().activeVersion();
                store.putOrigin(new SkillOrigin(o.skill().id(), s.id(), path, t.commit(), hash(d), version, null, null,
                        clock.instant()));
                String outcome = o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                if (o.validation() != null && o.validation().hasErrors()) {
                    outcome += " (needs fixes: " + String.join("; ", o.validation().errors().stream()
                            .map(Object::toString).toList()) + ")";
                }
                out.add(new Imported(path, o.skill().ref().toString(), outcome, version));
            }
        }
        return out;
    }

    // ---- upstream states and updates ---------------------------------------------------------

    /** Every imported skill's upstream state (or one skill's, by name), as {@code who} sees the library. */
    public List<Status> status(Principal who, String name) {
        return upstreams.status(who, name);
    }

    /**
     * Brings upstream in as a new version: an upstream-newer skill takes upstream's files; a diverged one the
     * three-way merge of yours and upstream's against the base, saved only when it merged cleanly (else the
     * conflicts are returned, and the merged text with their markers, for the author to resolve). Others are left
     * as they are. {@code all}: every skill that can be updated cleanly. {@code dryRun}: nothing is written.
     */
    public List<Update> update(Principal who, List<String> names, boolean all, boolean dryRun) {
        return upstreams.update(who, names, all, dryRun, false);
    }

    /** As above; {@code acceptRisk}: bring in upstream even where the trust check finds a high finding in it. */
    public List<Update> update(Principal who, List<String> names, boolean all, boolean dryRun, boolean acceptRisk) {
        return upstreams.update(who, names, all, dryRun, acceptRisk);
    }

    /** Saves the author's resolution of a merge that had conflicts (see {@link Upstreams#resolveMerge}). */
    public SaveOutcome resolveMerge(Principal who, String name, String content, String mergedWith) {
        return upstreams.resolveMerge(who, name, content, mergedWith);
    }

    /** What updating one skill would bring in, every file of it, as rows of a diff. */
    public UpstreamDiff diffRows(Principal who, String name) {
        return upstreams.diffRows(who, name);
    }

    /** What updating one skill would bring in, as text. */
    public String diff(Principal who, String name) {
        return upstreams.diff(who, name);
    }

    /** Pins a git skill to a tag, branch or commit: its state compares with that, not the source's ref. */
    public SkillOrigin pin(Principal who, String name, String ref) throws IOException {
        return upstreams.pin(who, name, ref);
    }

    public SkillOrigin unpin(Principal who, String name) {
        return upstreams.unpin(who, name);
    }

    /** Where a git source's clone is (tests look at it). */
    Path cloneDir(Source s) {
        return clones.cloneDir(s);
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

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; store.byShortName(name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }
}
