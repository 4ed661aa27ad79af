package dev.skilldesk.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.FileTrees;
import dev.skilldesk.library.LocalIdentity;
import dev.skilldesk.library.WriteRoot;
import org.eclipse.jgit.api.Git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lock files of the {@code skills} CLI (1.7.4), read and written in its format: a project's
 * {@code skills-lock.json} (version 1: per skill {@code source}, {@code sourceUrl}, {@code ref}, {@code sourceType},
 * {@code skillPath}, {@code computedHash}; skills sorted, no times, local sources relative to the lock, two-space JSON
 * and a newline) and the global {@code ~/.agents/.skill-lock.json} ({@code $XDG_STATE_HOME/skills/.skill-lock.json}
 * when that is set; version 3 with {@code skillFolderHash}, {@code installedAt}, {@code updatedAt}, and
 * {@code dismissed}; no newline at the end). Fields SkillDesk does not know are kept as they are.
 * <p>
 * {@link #restore} installs what a project's lock names from the sources SkillDesk can reach (local folders, git
 * repositories) into the project's {@code .agents/skills}, as the CLI's {@code experimental_install} does, and says
 * what it cannot reach; {@link #drift} compares a lock with the disk.
 */
public final class SkillLocks {
    public static final String PROJECT_LOCK = "skills-lock.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files the CLI leaves out of an installed copy. */
    private static final Set<String> NOT_COPIED = Set.of(".git", "metadata.json", "__pycache__", "__pypackages__", "node_modules");
    private static final Pattern GITHUB = Pattern.compile("^(?:https?://github\\.com/|git@github\\.com:)([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?$");

    /** One skill of a lock: the fields the CLI writes, and any others kept as they were. */
    public record Entry(String name, String source, String sourceUrl, String ref, String sourceType, String skillPath,
                        String hash, ObjectNode raw) {
    }

    /** A lock file: where, its version, its skills in the file's order. */
    public record Lock(Path file, boolean global, int version, List<Entry> entries, ObjectNode raw) {
        public Entry entry(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** A skill of SkillDesk's installs in a project, with where it came from (null source: made in SkillDesk). */
    public record Installed(String name, Path folder, String sourceKind, String location, String ref, String pathInSource) {
    }

    /** What {@link #restore} did with one skill of the lock. */
    public record Restored(String name, String outcome, Path folder, boolean ok) {
    }

    /** A lock's skill against the disk: {@code state} is matches, differs, missing or not-in-lock. */
    public record Drift(Path lock, String name, String state, Path folder, String lockedHash, String diskHash) {
    }

    private final Map<String, String> env;
    private final Clock clock;

    public SkillLocks(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public static Path projectLock(Path project) {
        return project.toAbsolutePath().normalize().resolve(PROJECT_LOCK);
    }

    /** The global lock: {@code $XDG_STATE_HOME/skills/.skill-lock.json}, else {@code ~/.agents/.skill-lock.json}. */
    public Path globalLock() {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg.strip()).toAbsolutePath().normalize().resolve("skills/.skill-lock.json");
        }
        return LocalIdentity.home(env).resolve(".agents/.skill-lock.json");
    }

    /**
     * Reads a lock; no file, a version older than the format's, or no {@code skills} is an empty lock (as the CLI reads
     * it); a file that does not parse is refused with its line and column.
     */
    public Lock read(Path file, boolean global) throws IOException {
        byte[] b = SkillSwitches.read(file);
        int current = global ? 3 : 1;
        if (b == null) {
            return new Lock(file, global, current, List.of(), null);
        }
        String text = new String(b, StandardCharsets.UTF_8);
        try {
            JsonEdit.of(text);
        } catch (JsonEdit.Malformed m) {
            throw new SkillSwitches.Refused(file + ":" + m.line() + ":" + m.column() + ": does not parse as JSON (expected "
                    + m.getMessage() + ")");
        }
        JsonNode root = JSON.readTree(text);
        if (!root.isObject() || !root.path("version").isNumber() || root.path("version").asInt() < current
                || !root.path("skills").isObject()) {
            return new Lock(file, global, current, List.of(), root.isObject() ? (ObjectNode) root : null);
        }
        List<Entry> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.get("skills").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                continue;
            }
            JsonNode v = e.getValue();
            out.add(new Entry(e.getKey(), text(v, "source"), text(v, "sourceUrl"), text(v, "ref"), text(v, "sourceType"),
                    text(v, "skillPath"), text(v, global ? "skillFolderHash" : "computedHash"), (ObjectNode) v));
        }
        return new Lock(file, global, root.get("version").asInt(), List.copyOf(out), (ObjectNode) root);
    }

    /** The entry SkillDesk writes for an installed skill from a source, or null when it has none. */
    public Entry entryFor(Installed i, Path lockDir, boolean global) throws IOException {
        if (i.sourceKind() == null || i.location() == null) {
            return null;
        }
        String hash = FolderHash.of(i.folder());
        String skillPath = i.pathInSource() == null || i.pathInSource().isBlank() || i.pathInSource().equals(".")
                ? "SKILL.md" : i.pathInSource().replace('\\', '/').replaceAll("/+$", "") + "/SKILL.md";
        switch (i.sourceKind()) {
            case "folder" -> {
                Path src = Path.of(i.location()).toAbsolutePath().normalize();
                if (i.pathInSource() != null && !i.pathInSource().isBlank() && !i.pathInSource().equals(".")) {
                    src = src.resolve(i.pathInSource()).normalize();
                }
                String source = global ? src.toString() : relative(lockDir, src);
                return new Entry(i.name(), source, global ? src.toString() : null, null, "local", null, hash, null);
            }
            case "git", "marketplace" -> {
                Matcher gh = GITHUB.matcher(i.location());
                if (gh.matches()) {
                    String ownerRepo = gh.group(1) + "/" + gh.group(2);
                    return new Entry(i.name(), ownerRepo, global ? "https://github.com/" + ownerRepo + ".git" : null,
                            i.ref(), "github", skillPath, hash, null);
                }
                return new Entry(i.name(), i.location(), i.location(), i.ref(), "git", skillPath, hash, null);
            }
            default -> {
                return null;
            }
        }
    }

    /** The path of {@code target} relative to {@code dir}, as the CLI writes a local source ({@code ./x}, {@code ../x}). */
    static String relative(Path dir, Path target) {
        Path d = dir.toAbsolutePath().normalize();
        Path t = target.toAbsolutePath().normalize();
        if (d.getRoot() == null || !d.getRoot().equals(t.getRoot())) {
            return t.toString();
        }
        String r = d.relativize(t).toString().replace('\\', '/');
        return r.isEmpty() ? "." : r.startsWith("..") ? r : "./" + r;
    }

    /**
     * Writes {@code entries} into the lock at {@code file} (made when missing): each replaces the entry of its name,
     * others stay; written as the CLI writes it. Returns the bytes written.
     */
    public byte[] write(Path file, boolean global, List<Entry> entries, WriteRoot root) throws IOException {
        Lock lock = read(file, global);
        Map<String, ObjectNode> skills = new LinkedHashMap<>();
        for (Entry e : lock.entries()) {
            skills.put(e.name(), e.raw());
        }
        String now = Instant.now(clock).toString();
        for (Entry e : entries) {
            ObjectNode o = JSON.createObjectNode();
            o.put("source", e.source());
            if (global) {
                o.put("sourceType", e.sourceType());
                if (e.sourceUrl() != null) {
                    o.put("sourceUrl", e.sourceUrl());
                }
                if (e.ref() != null) {
                    o.put("ref", e.ref());
                }
                if (e.skillPath() != null) {
                    o.put("skillPath", e.skillPath());
                }
                o.put("skillFolderHash", e.hash());
                ObjectNode old = skills.get(e.name());
                o.put("installedAt", old != null && old.hasNonNull("installedAt") ? old.get("installedAt").asText() : now);
                o.put("updatedAt", now);
            } else {
                if (e.sourceUrl() != null) {
                    o.put("sourceUrl", e.sourceUrl());
                }
                if (e.ref() != null) {
                    o.put("ref", e.ref());
                }
                o.put("sourceType", e.sourceType());
                if (e.skillPath() != null) {
                    o.put("skillPath", e.skillPath());
                }
                o.put("computedHash", e.hash());
            }
            skills.put(e.name(), o);
        }
        ObjectNode root2 = JSON.createObjectNode();
        root2.put("version", global ? 3 : 1);
        ObjectNode s = root2.putObject("skills");
        Map<String, ObjectNode> ordered = global ? skills : new TreeMap<>(skills);
        ordered.forEach(s::set);
        if (global) {
            root2.set("dismissed", lock.raw() != null && lock.raw().has("dismissed") ? lock.raw().get("dismissed")
                    : JSON.createObjectNode());
            if (lock.raw() != null && lock.raw().has("lastSelectedAgents")) {
                root2.set("lastSelectedAgents", lock.raw().get("lastSelectedAgents"));
            }
        }
        byte[] bytes = (JsStringify.of(root2) + (global ? "" : "\n")).getBytes(StandardCharsets.UTF_8);
        root.write(file, bytes);
        return bytes;
    }

    /** Installs what the project's lock names into its {@code .agents/skills} (or {@code folders}), source by source. */
    public List<Restored> restore(Path project, List<Path> folders) throws IOException {
        return restore(project, folders, false);
    }

    /**
     * As {@link #restore(Path, List)}; a copy already there that differs from the source (edited since?) is left as it
     * is and named, unless {@code force}; one that matches is "already there".
     */
    public List<Restored> restore(Path project, List<Path> folders, boolean force) throws IOException {
        Path p = project.toAbsolutePath().normalize();
        Lock lock = read(projectLock(p), false);
        WriteRoot root = WriteRoot.of(p);
        List<Path> into = folders == null || folders.isEmpty() ? List.of(p.resolve(".agents/skills")) : folders;
        List<Restored> out = new ArrayList<>();
        if (lock.entries().isEmpty()) {
            out.add(new Restored("", "no skills in " + lock.file() + (Files.exists(lock.file()) ? "" : " (no such file)"),
                    null, false));
            return out;
        }
        Map<String, Path> clones = new LinkedHashMap<>();
        try {
            for (Entry e : lock.entries()) {
                try {
                    SkillSwitches.checkName(e.name());
                    Path src = sourceFolder(e, p, clones);
                    if (!Files.isRegularFile(src.resolve("SKILL.md"))) {
                        out.add(new Restored(e.name(), "no SKILL.md at " + src, null, false));
                        continue;
                    }
                    String hash = FolderHash.of(src);
                    String note = e.hash() == null || e.hash().equals(hash) ? "restored"
                            : "restored; the source has changed since the lock (hash " + abbrev(hash) + ", the lock has "
                            + abbrev(e.hash()) + ")";
                    String copied = FolderHash.of(src, rel -> java.util.Arrays.stream(rel.split("/")).noneMatch(NOT_COPIED::contains));
                    for (Path f : into) {
                        Path target = f.resolve(e.name());
                        if (Files.isRegularFile(target.resolve("SKILL.md"))) {
                            if (FolderHash.of(target.toRealPath()).equals(copied)) {
                                out.add(new Restored(e.name(), "already there", target, true));
                                continue;
                            }
                            if (!force) {
                                out.add(new Restored(e.name(), "left as it is: " + target + " differs from the source"
                                        + " (edited there?); --force replaces it", target, false));
                                continue;
                            }
                        }
                        root.delete(target);
                        copyInstalled(src, target, root);
                        out.add(new Restored(e.name(), note, target, true));
                    }
                } catch (IOException | RuntimeException ex) {
                    out.add(new Restored(e.name(), "cannot restore: " + ex.getMessage(), null, false));
                }
            }
        } finally {
            clones.values().forEach(FileTrees::deleteQuietly);
        }
        return out;
    }

    private Path sourceFolder(Entry e, Path project, Map<String, Path> clones) throws IOException {
        String type = e.sourceType() == null ? "" : e.sourceType();
        switch (type) {
            case "local" -> {
                Path s = Path.of(e.source());
                return (s.isAbsolute() ? s : project.resolve(s)).normalize();
            }
            case "git", "github", "gitlab" -> {
                String url = e.sourceUrl() != null ? e.sourceUrl()
                        : type.equals("github") && !e.source().contains("://") && !e.source().startsWith("git@")
                        ? "https://github.com/" + e.source() + ".git" : e.source();
                String key = url + "#" + (e.ref() == null ? "" : e.ref());
                Path clone = clones.get(key);
                if (clone == null) {
                    clone = Files.createTempDirectory("skilldesk-restore-");
                    clones.put(key, clone);
                    try {
                        var cmd = Git.cloneRepository().setURI(url).setDirectory(clone.toFile()).setCloneAllBranches(false);
                        if (e.ref() != null) {
                            cmd.setBranch(e.ref());
                        }
                        cmd.setTimeout(30).call().close();
                    } catch (Exception ex) {
                        throw new IOException("cannot reach " + url + " (" + ex.getMessage() + ")");
                    }
                }
                String sp = e.skillPath() == null ? "SKILL.md" : e.skillPath();
                Path folder = sp.contains("/") ? clone.resolve(sp.substring(0, sp.lastIndexOf('/'))).normalize() : clone;
                if (!folder.startsWith(clone)) {
                    throw new IOException("skillPath " + sp + " leaves the repository");
                }
                return folder;
            }
            default -> throw new IOException("a " + (type.isEmpty() ? "source without a type" : type + " source")
                    + " is not one SkillDesk restores (local folders and git repositories are); use the skills CLI");
        }
    }

    /** Copies a skill folder as the CLI installs it: regular files, without .git, metadata.json and caches. */
    static void copyInstalled(Path src, Path target, WriteRoot root) throws IOException {
        root.createDirectories(target);
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(src) && NOT_COPIED.contains(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                root.createDirectories(target.resolve(src.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && !NOT_COPIED.contains(f.getFileName().toString())) {
                    root.write(target.resolve(src.relativize(f).toString()), Files.readAllBytes(f));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The project's lock against its disk: each locked skill in {@code .agents/skills} and every agent's folder in the
     * project (matches, differs, missing), and skill folders in {@code .agents/skills} the lock does not name.
     */
    public List<Drift> drift(Path project) throws IOException {
        Path p = project.toAbsolutePath().normalize();
        Lock lock = read(projectLock(p), false);
        List<Drift> out = new ArrayList<>();
        if (!Files.exists(lock.file())) {
            return out;
        }
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(p.resolve(".agents/skills"));
        for (AgentTargets.Agent a : AgentTargets.all()) {
            folders.add(a.projectDir(p));
        }
        out.addAll(against(lock, folders, p.resolve(".agents/skills")));
        Path shared = p.resolve(".agents/skills");
        if (Files.isDirectory(shared)) {
            try (var s = Files.list(shared)) {
                for (Path d : s.sorted().toList()) {
                    if (Files.isRegularFile(d.resolve("SKILL.md")) && lock.entry(d.getFileName().toString()) == null) {
                        out.add(new Drift(lock.file(), d.getFileName().toString(), "not-in-lock", d, null, null));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The global lock against the global folders: each locked skill in {@code ~/.agents/skills} and every agent's global
     * folder (a GitHub entry's hash is the git tree of the skill's folder, computed here the same way).
     */
    public List<Drift> driftGlobal() throws IOException {
        Lock lock = read(globalLock(), true);
        List<Drift> out = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        folders.add(LocalIdentity.home(env).resolve(".agents/skills"));
        for (AgentTargets.Agent a : AgentTargets.all()) {
            if (a.installDir(env) != null) {
                folders.add(a.installDir(env));
            }
        }
        out.addAll(against(lock, folders, folders.iterator().next()));
        return out;
    }

    /**
     * Each entry of {@code lock} against its copies in {@code folders} (a GitHub entry of the global lock by its git
     * tree), "missing" (as if in {@code home}) when there is none.
     */
    private static List<Drift> against(Lock lock, Set<Path> folders, Path home) throws IOException {
        List<Drift> out = new ArrayList<>();
        for (Entry e : lock.entries()) {
            boolean any = false;
            for (Path f : folders) {
                Path copy = f.resolve(e.name());
                if (Files.isRegularFile(copy.resolve("SKILL.md"))) {
                    any = true;
                    Path real = copy.toRealPath();
                    String h = lock.global() && e.hash() != null && e.hash().matches("[0-9a-f]{40}") ? gitTree(real)
                            : FolderHash.of(real);
                    out.add(new Drift(lock.file(), e.name(), h.equals(e.hash()) ? "matches" : "differs", copy, e.hash(), h));
                }
            }
            if (!any) {
                out.add(new Drift(lock.file(), e.name(), "missing", home.resolve(e.name()), e.hash(), null));
            }
        }
        return out;
    }

    /** The git tree id of a folder, as {@code git write-tree} would give it (regular files, links; .git skipped). */
    static String gitTree(Path dir) throws IOException {
        org.eclipse.jgit.lib.ObjectInserter.Formatter f = new org.eclipse.jgit.lib.ObjectInserter.Formatter();
        List<Path> children;
        try (var s = Files.list(dir)) {
            children = new ArrayList<>(s.filter(c -> !c.getFileName().toString().equals(".git")).toList());
        }
        // git orders a tree's entries by name, a folder's name as if it ended with '/'
        children.sort(java.util.Comparator.comparing(c -> (c.getFileName().toString()
                + (Files.isDirectory(c, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "/" : "")).getBytes(StandardCharsets.UTF_8),
                java.util.Arrays::compareUnsigned));
        org.eclipse.jgit.lib.TreeFormatter tree = new org.eclipse.jgit.lib.TreeFormatter();
        for (Path c : children) {
            String name = c.getFileName().toString();
            if (Files.isSymbolicLink(c)) {
                tree.append(name, org.eclipse.jgit.lib.FileMode.SYMLINK, f.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                        Files.readSymbolicLink(c).toString().getBytes(StandardCharsets.UTF_8)));
            } else if (Files.isDirectory(c)) {
                tree.append(name, org.eclipse.jgit.lib.FileMode.TREE, org.eclipse.jgit.lib.ObjectId.fromString(gitTree(c)));
            } else if (Files.isRegularFile(c)) {
                tree.append(name, Files.isExecutable(c) ? org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE
                        : org.eclipse.jgit.lib.FileMode.REGULAR_FILE, f.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
                        Files.readAllBytes(c)));
            }
        }
        return f.idFor(tree).name();
    }

    private static String abbrev(String h) {
        return h == null ? "none" : h.length() > 12 ? h.substring(0, 12) + "…" : h;
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }
}
