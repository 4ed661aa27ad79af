package dev.skilldesk.library;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.parse.SkillMdParser;
import dev.skilldesk.parse.SkillMetadata;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillInstall;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.store.InstallStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Copies of skills installed into agent folders ({@code ~/.claude/skills}, a project's
 * {@code .claude/skills}, {@code ~/.agents/skills}, any folder), and whether each copy still matches:
 * install, drift state, importing edits made on disk as a new version, refreshing a copy from the library.
 * The CLI and the UI show the same states from here.
 */
public final class Installs {
    /** How an installed copy compares with what was installed and with the library. */
    public enum State {
        /** The copy is what was installed, and that is still the library's active version. */
        IN_SYNC,
        /** Someone edited the copy on disk since it was installed (whatever the library did meanwhile). */
        EDITED_ON_DISK,
        /** The copy is untouched, but the library's active version is another one now. */
        LIBRARY_NEWER,
        /** The folder or its SKILL.md is gone. */
        MISSING;

        /** The state as the CLI and the JSON show it: in-sync, edited-on-disk, library-newer, missing. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One install's state.
     *
     * @param skill         the skill as the library has it now
     * @param activeVersion the library's active version
     * @param diskHash      the content hash of the copy on disk (null when missing or unreadable)
     * @param detail        a sentence for people (what changed, or why the copy could not be read)
     */
    public record Status(SkillInstall install, Skill skill, State state, int activeVersion, String diskHash,
                         String detail) {
        public String ref() {
            return skill.ref().toString();
        }
    }

    private final SkillLibrary library;
    private final Exporter exporter;
    private final InstallStore installs;
    private final Clock clock;
    private final SkillMdParser parser = new SkillMdParser();

    /** An install as done: the record, whether the folder is a link, and what to tell the user (a link refused). */
    public record Placed(SkillInstall install, boolean linked, String note) {
    }

    /** Where linked installs point: one copy per skill version, kept by SkillDesk (null: links are not offered). */
    private Path copies;

    /** The environment agents' folders are read from (their homes and overrides). */
    private java.util.Map<String, String> env = System.getenv();

    /** Reads agents' folders from {@code env} (a test's HOME). */
    public Installs withEnvironment(java.util.Map<String, String> env) {
        this.env = env;
        return this;
    }

    /** Offers links: their copies go under {@code dir}. */
    public Installs withCopiesIn(Path dir) {
        this.copies = dir;
        return this;
    }

    public Installs(SkillLibrary library, Exporter exporter, InstallStore installs, Clock clock) {
        this.library = library;
        this.exporter = exporter;
        this.installs = installs;
        this.clock = clock;
    }

    /**
     * Writes {@code version} (0: the active one) of the skill into {@code parent/<name>/} with the exact stored
     * bytes and records the install. An earlier install of the same skill there is replaced, unless its copy
     * has edits that are not in the library; a folder SkillDesk did not install is never overwritten.
     */
    public SkillInstall install(Principal who, String namespace, String name, int version, Path parent)
            throws IOException {
        return install(who, namespace, name, version, WriteRoot.of(parent), parent);
    }

    /**
     * As {@link #install(Principal, String, String, int, Path)}, into {@code parent} inside {@code root} (a project, or
     * the folder itself): no folder from {@code root} down to the copy may be a link ({@link WriteRoot}).
     */
    public SkillInstall install(Principal who, String namespace, String name, int version, WriteRoot root, Path parent)
            throws IOException {
        Skill skill = library.get(who, namespace, name).orElseThrow(() -> new SkillNotFoundException(SkillRef.of(namespace, name))).skill();
        Path folder = root.check(FileNames.child(parent, name));
        Optional<SkillInstall> earlier = installs.byFolder(folder);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            if (earlier.isEmpty()) {
                if (!isEmptyDir(folder)) {
                    throw new IOException(folder + " already exists and was not installed by SkillDesk; remove it,"
                            + " or import it first (skilldesk import " + folder + ")");
                }
            } else {
                Status s = status(earlier.get(), skill);
                if (s.state() == State.EDITED_ON_DISK) {
                    throw new IOException(folder + " was edited on disk since it was installed; keep the edits with"
                            + " 'skilldesk sync " + name + " --import-edits' or drop them with"
                            + " 'skilldesk sync " + name + " --update-copy --force'");
                }
                if (earlier.get().skillId() != skill.id()) {
                    throw new IOException(folder + " holds an install of another skill; remove it first");
                }
            }
        }
        return write(who, skill, version, root, folder);
    }

    /** The trust check of the version an install would copy (0: the active one): install asks before a high one. */
    /**
     * Why {@code skill}'s active version may not go to an agent (it needs fixes: its findings, each with file, line
     * and rule), or empty when it may.
     */
    public Optional<String> whyNotForAgents(Skill skill) {
        try {
            library.requirePasses(skill, skill.activeVersion());
            return Optional.empty();
        } catch (SkillNeedsFixesException e) {
            return Optional.of(e.getMessage());
        }
    }

    public dev.skilldesk.audit.Auditor.Report audit(Principal who, String namespace, String name, int version) {
        var v = library.version(who, namespace, name, version).orElseThrow(() -> new SkillNotFoundException(SkillRef.of(namespace, name)));
        return dev.skilldesk.audit.Auditor.audit(namespace + "/" + name, namespace + "/" + name, v.content(),
                library.files(who, namespace, name, version));
    }

    /**
     * Installs as {@link #install} does, or with {@code link} as a link to one copy SkillDesk keeps per skill
     * version (agents' folders then share it). Where the system refuses links (Windows without developer mode,
     * a file system without them), the skill is copied and the note says so; never silently.
     */
    public Placed place(Principal who, String namespace, String name, int version, Path parent, boolean link)
            throws IOException {
        return place(who, namespace, name, version, WriteRoot.of(parent), parent, link);
    }

    /** {@link #place(Principal, String, String, int, Path, boolean)} into an agent target (its folder, from its root). */
    public Placed place(Principal who, String namespace, String name, int version, AgentTargets.Target target,
                        boolean link) throws IOException {
        return place(who, namespace, name, version, target.writeRoot(), target.folder(), link);
    }

    private Placed place(Principal who, String namespace, String name, int version, WriteRoot root, Path parent,
                         boolean link) throws IOException {
        if (!link) {
            return new Placed(install(who, namespace, name, version, root, parent), false, null);
        }
        if (copies == null) {
            return new Placed(install(who, namespace, name, version, root, parent), false,
                    "links are not offered here; copied instead");
        }
        Skill skill = library.get(who, namespace, name).orElseThrow(() -> new SkillNotFoundException(SkillRef.of(namespace, name))).skill();
        int v = version > 0 ? version : skill.activeVersion();
        library.requirePasses(skill, v);
        Path folder = root.check(FileNames.child(parent, name));
        Optional<SkillInstall> earlier = installs.byFolder(folder);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && earlier.isEmpty() && !isEmptyDir(folder)) {
            throw new IOException(folder + " already exists and was not installed by SkillDesk; remove it,"
                    + " or import it first (skilldesk import " + folder + ")");
        }
        if (earlier.isPresent() && status(earlier.get(), skill).state() == State.EDITED_ON_DISK) {
            throw new IOException(folder + " was edited on disk since it was installed; keep the edits with"
                    + " 'skilldesk sync " + name + " --import-edits' or drop them with"
                    + " 'skilldesk sync " + name + " --update-copy --force'");
        }
        WriteRoot kept = WriteRoot.of(copies);
        Path copy = kept.check(copies.resolve(skill.namespace()).resolve(skill.name()).resolve("v" + v));
        if (!Files.isRegularFile(copy.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
            Path staging = kept.createDirectories(copies.resolve(".staging-" + java.util.UUID.randomUUID()));
            try {
                Path written = exporter.exportFolder(who, skill.namespace(), skill.name(), v, kept, staging.resolve("new"));
                kept.createDirectories(copy.getParent());
                kept.delete(copy);
                kept.move(written, copy, false);
            } finally {
                Importer.deleteTree(staging);
            }
        }
        SkillDraft back = SkillFolderReader.read(copy);
        String hash = ContentHash.of(back.content(), back.files());
        root.createDirectories(parent);
        Path tmp = parent.resolve(".skilldesk-link-" + java.util.UUID.randomUUID());
        try {
            if (Boolean.getBoolean("skilldesk.links.refuse")) {
                throw new java.nio.file.FileSystemException(tmp.toString(), null, "links refused (skilldesk.links.refuse)");
            }
            Files.createSymbolicLink(tmp, copy);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Files.deleteIfExists(tmp);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Placed(install(who, namespace, name, version, root, parent), false,
                    "this system refused a link (" + why + "); copied instead");
        }
        root.delete(folder);
        Files.move(tmp, root.check(folder), StandardCopyOption.ATOMIC_MOVE);
        return new Placed(installs.put(skill.id(), v, folder, hash, who.agentId(), clock.instant()), true, null);
    }

    /**
     * Removes a copy SkillDesk wrote (a linked one: the link only) and its record, unless it was edited on disk
     * (then nothing is touched and the answer says so). Returns what was done.
     */
    public String remove(Principal who, SkillInstall install) throws IOException {
        Skill skill = library.byId(install.skillId()).orElse(null);
        Path folder = install.folder();
        if (skill != null) {
            Status st = status(install, skill);
            if (st.state() == State.EDITED_ON_DISK) {
                return "kept " + folder + ": edited on disk since it was installed";
            }
        }
        writeRootOf(folder).delete(folder); // a linked install: the link alone
        installs.remove(folder);
        return "removed " + folder;
    }

    /** Installs of skills {@code who} may see (or owns, deleted ones included), each with its state. */
    public List<Status> status(Principal who) {
        List<Status> out = new ArrayList<>();
        for (SkillInstall i : installs.all()) {
            library.byId(i.skillId()).filter(s -> library.visibleOrOwned(who, s))
                    .ifPresent(s -> out.add(status(i, s)));
        }
        return out;
    }

    /** The installs of one skill that {@code who} may see, with their states. */
    public List<Status> status(Principal who, String namespace, String name) {
        Skill skill = library.find(namespace, name).filter(s -> library.visibleOrOwned(who, s))
                .orElseThrow(() -> new SkillNotFoundException(SkillRef.of(namespace, name)));
        return installs.forSkill(skill.id()).stream().map(i -> status(i, skill)).toList();
    }

    /** The install recorded for {@code folder}, if any. */
    public Optional<SkillInstall> byFolder(Path folder) {
        return installs.byFolder(folder);
    }

    Status status(SkillInstall install, Skill skill) {
        Path folder = install.folder();
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && folder.getParent() != null) {
            InstallLeftovers.recover(folder.getParent()); // a killed install may have left the copy aside
        }
        if (!Files.isRegularFile(folder.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
            return new Status(install, skill, State.MISSING, skill.activeVersion(), null,
                    Files.isDirectory(folder) ? "SKILL.md is gone from " + folder : folder + " is gone");
        }
        String disk;
        try {
            // a linked install is read through its link (the reader follows none of its own accord)
            SkillDraft draft = SkillFolderReader.read(Files.isSymbolicLink(folder) ? folder.toRealPath() : folder);
            disk = ContentHash.of(draft.content(), draft.files());
        } catch (IOException | RuntimeException e) {
            return new Status(install, skill, State.EDITED_ON_DISK, skill.activeVersion(), null,
                    "the copy cannot be read back: " + e.getMessage());
        }
        String deleted = skill.deleted() ? "; the skill is deleted in the library" : "";
        if (!disk.equals(install.contentHash())) {
            Optional<SkillVersion> active = library.versionOf(skill.id(), skill.activeVersion());
            if (active.isPresent() && active.get().contentHash().equals(disk)) {
                return new Status(install, skill, State.IN_SYNC, skill.activeVersion(), disk,
                        "the copy was changed to match v" + skill.activeVersion() + deleted);
            }
            return new Status(install, skill, State.EDITED_ON_DISK, skill.activeVersion(), disk,
                    "edited on disk since v" + install.version() + " was installed"
                            + (skill.activeVersion() != install.version()
                            ? "; the library has moved to v" + skill.activeVersion() + " too" : "") + deleted);
        }
        if (skill.activeVersion() != install.version()) {
            return new Status(install, skill, State.LIBRARY_NEWER, skill.activeVersion(), disk,
                    "v" + install.version() + " installed, the library's active version is v" + skill.activeVersion()
                            + deleted);
        }
        return new Status(install, skill, State.IN_SYNC, skill.activeVersion(), disk,
                "v" + install.version() + deleted);
    }

    /**
     * Saves the copy on disk as a new version of its skill (in the skill's own namespace, keeping its access
     * level and persona) and records that the copy now matches it. Only the skill's owner may.
     */
    public SaveOutcome importEdits(Principal who, SkillInstall install) throws IOException {
        return importEdits(who, install, null);
    }

    /** {@link #importEdits(Principal, SkillInstall)} with a note for the new version (null: none). */
    public SaveOutcome importEdits(Principal who, SkillInstall install, String note) throws IOException {
        Skill skill = library.byId(install.skillId()).orElseThrow(() -> new SkillNotFoundException(
                "the skill installed in " + install.folder() + " is no longer in the library"));
        library.requireOwner(who, skill.namespace(), skill.name());
        Path folder = install.folder();
        if (!Files.isRegularFile(folder.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(folder.resolve("SKILL.md") + ": missing; nothing to import");
        }
        SkillDraft draft = SkillFolderReader.read(folder);
        String named = SkillMetadata.of(parser.parse(draft.content())).name();
        if (named != null && !named.equals(skill.name())) {
            throw new IllegalArgumentException(folder.resolve("SKILL.md") + ": now names '" + named
                    + "', but the install is of '" + skill.name() + "'; import it as a new skill with"
                    + " 'skilldesk import " + folder + "'");
        }
        SaveOutcome outcome = library.save(who, draft, new SaveOptions(skill.namespace(), skill.accessLevel(),
                skill.persona()).withNote(note));
        if (outcome.status() != SaveOutcome.Status.REJECTED) {
            installs.put(skill.id(), outcome.version().version(), folder, ContentHash.of(draft.content(), draft.files()),
                    who.agentId(), clock.instant());
        }
        return outcome;
    }

    /**
     * Rewrites the copy with {@code version} (0: the active one). Refuses when the copy has edits that are
     * not in the library, unless {@code discardEdits}.
     */
    public SkillInstall updateCopy(Principal who, SkillInstall install, int version, boolean discardEdits)
            throws IOException {
        Skill skill = library.byId(install.skillId()).filter(s -> library.visible(who, s))
                .orElseThrow(() -> new SkillNotFoundException("the skill installed in " + install.folder()
                        + " is not in the library any more (or not visible to " + who.agentId() + ")"));
        Status s = status(install, skill);
        if (s.state() == State.EDITED_ON_DISK && !discardEdits) {
            throw new IOException(install.folder() + " was edited on disk; import the edits with --import-edits,"
                    + " or pass --force to overwrite them");
        }
        return write(who, skill, version, writeRootOf(install.folder()), install.folder());
    }

    /** Where writes into a recorded install's folder start from: its project, or its agents' folder. */
    private WriteRoot writeRootOf(Path folder) {
        Path parent = folder.toAbsolutePath().normalize().getParent();
        return WriteRoot.of(AgentTargets.writeRootOf(parent, env));
    }

    /** Forgets an install; the folder stays as it is. */
    public boolean forget(Path folder) {
        return installs.remove(folder);
    }

    /**
     * After a watched folder was saved into the library: when that folder is a recorded install of the saved
     * skill, record that the copy now matches the saved version.
     */
    public void noteSaved(Path folder, SaveOutcome outcome, String diskHash) {
        if (outcome.version() == null) {
            return;
        }
        installs.byFolder(folder).filter(i -> i.skillId() == outcome.version().skillId()).ifPresent(i ->
                installs.put(i.skillId(), outcome.version().version(), folder, diskHash, i.installedBy(),
                        clock.instant()));
    }

    /**
     * Exports into a working folder beside the copy, then swaps it in with two renames (old copy into the
     * working folder, new copy into place), so that a failure or a kill at any instant leaves one complete
     * copy: in place, or in the working folder, from where {@link InstallLeftovers#recover} puts it back.
     */
    private SkillInstall write(Principal who, Skill skill, int version, WriteRoot root, Path folder) throws IOException {
        library.requirePasses(skill, version); // only skills that pass the library's rules go to agents
        Path parent = folder.getParent();
        root.createDirectories(parent);
        root.check(folder);
        InstallLeftovers.recover(parent);
        Path work = InstallLeftovers.create(parent);
        try {
            Path written = exporter.exportFolder(who, skill.namespace(), skill.name(), version, work.resolve("new"));
            // Hash what a reader sees in the copy (not the stored hash) so that a file the reader skips,
            // such as a nested SKILL.md, does not make a fresh copy look edited.
            SkillDraft back = SkillFolderReader.read(written);
            String hash = ContentHash.of(back.content(), back.files());
            int v = version > 0 ? version : skill.activeVersion();
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                Path old = Files.createDirectories(work.resolve("old"));
                Files.move(folder, old.resolve(folder.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(written, folder, StandardCopyOption.ATOMIC_MOVE);
            return installs.put(skill.id(), v, folder, hash, who.agentId(), clock.instant());
        } finally {
            Importer.deleteTree(work);
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
