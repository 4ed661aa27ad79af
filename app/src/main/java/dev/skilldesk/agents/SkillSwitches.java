package dev.skilldesk.agents;

import dev.skilldesk.library.AgentFolders;
import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.library.AgentTargets.Agent;
import dev.skilldesk.library.DataDirectory;
import dev.skilldesk.library.FileNames;
import dev.skilldesk.library.WriteRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Switches a skill off for an agent, and back on, without deleting it: through the agent's own switch where it has one
 * (Claude Code's {@code skillOverrides}, Codex's {@code [[skills.config]]}, Gemini CLI's {@code skills.disabled}),
 * editing that entry alone and every other byte of the file as it was; for any other agent by moving the copy out of
 * the folders it reads into SkillDesk's keep ({@code keep/} in the data directory) and back, byte for byte.
 * <p>
 * Every switch is first a {@link Plan} of {@link Change}s (what file or folder changes, from what to what), so a front
 * end can show it before anything is written; {@link #apply} writes it and {@link #undo} puts the bytes back.
 */
public final class SkillSwitches {
    /** What the agent does with the skill. Only Claude Code knows the two between on and off. */
    public enum Mode {
        ON("on"), OFF("off"), NAME_ONLY("name-only"), USER_INVOCABLE_ONLY("user-invocable-only");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.label.equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no mode '" + s + "'; the modes are off, name-only, user-invocable-only");
        }
    }

    /** A switch refused before anything was written: why, and the file and line when a file is the reason. */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * One change: a file's bytes from {@code before} to {@code after} (null: no file), or a folder moved from
     * {@code from} to {@code to}; {@code root} is where SkillDesk may write for it, {@code what} says it in words.
     */
    public record Change(String what, Path path, byte[] before, byte[] after, Path from, Path to, Path root,
                         Path keepRoot, Path madeDir) {
        public boolean isMove() {
            return from != null;
        }

        static Change file(String what, Path file, byte[] before, byte[] after, Path root) {
            return new Change(what, file, before, after, null, null, root, null, before == null ? topMissing(file, root) : null);
        }

        static Change move(String what, Path from, Path to, Path root, Path keepRoot) {
            return new Change(what, null, null, null, from, to, root, keepRoot, null);
        }

        /** The same change the other way. */
        public Change inverse() {
            return isMove() ? new Change(what, null, null, null, to, from, root, keepRoot, null)
                    : new Change(what, path, after, before, null, null, root, keepRoot, madeDir);
        }
    }

    /** Where writes into an agent's own folder start: the folder, or the folder it will be made in. */
    private static Path rootFor(Path dir) {
        return Files.isDirectory(dir) || dir.getParent() == null ? dir : dir.getParent();
    }

    /** The topmost folder above {@code file} (below {@code root}) that is not there yet, or null. */
    static Path topMissing(Path file, Path root) {
        Path top = null;
        for (Path d = file.getParent(); d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                top = d;
            }
        }
        return top;
    }

    /** What switching {@code skill} for {@code agent} in {@code project} (null: globally) to {@code mode} changes. */
    public record Plan(Agent agent, Path project, String skill, Mode mode, List<Change> changes, List<String> notes) {
        public boolean nothingToDo() {
            return changes.isEmpty();
        }
    }

    private final Map<String, String> env;
    private final Path dataDir;
    @SuppressWarnings("unused")
    private final Clock clock;

    public SkillSwitches(Map<String, String> env, Path dataDir, Clock clock) {
        this.env = env;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The settings files a switch made (they were not there before), and the folders it made for them. */
    private Path ledger() {
        return keep().resolve(".created");
    }

    private Map<Path, Path> created() throws IOException {
        Map<Path, Path> out = new java.util.LinkedHashMap<>();
        Path l = ledger();
        if (Files.isRegularFile(l, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(l, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", -1);
                if (parts.length == 2 && !parts[0].isEmpty()) {
                    out.put(Path.of(parts[0]), parts[1].isEmpty() ? null : Path.of(parts[1]));
                }
            }
        }
        return out;
    }

    private void noteCreated(Path file, Path madeDir, boolean made) throws IOException {
        Map<Path, Path> c = created();
        if (made) {
            c.put(file, madeDir);
        } else if (c.remove(file) == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        c.forEach((f, d) -> b.append(f).append('\t').append(d == null ? "" : d.toString()).append('\n'));
        WriteRoot.of(dataDir).write(ledger(), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A settings file a switch made, left with nothing in it by switching back on, goes again (with the folders made
     * for it): switching off and on leaves no trace. A file that was there before stays, whatever it holds.
     */
    private void addOrRemove(List<Change> changes, Path f, byte[] before, String after, Path root, String what)
            throws IOException {
        boolean empty = after.isBlank() || after.strip().matches("\\{\\s*}");
        Map<Path, Path> made = empty && before != null ? created() : Map.of();
        if (made.containsKey(f)) {
            changes.add(new Change(what, f, before, null, null, null, root, null, made.get(f)));
            return;
        }
        addFileChange(changes, f, before, after, root, what);
    }

    /** SkillDesk's keep: skill folders switched off for an agent with no switch of its own. */
    public Path keep() {
        return dataDir.resolve(DataDirectory.KEEP);
    }

    /** The settings file an agent's switch is written in, for the scope (null for an agent with no switch). */
    public Path settingsFile(Agent a, Path project) {
        return switch (a.switchKind()) {
            case CLAUDE_CODE_SKILL_OVERRIDES -> project == null ? AgentFolders.claudeConfigDir(env).resolve("settings.json")
                    : abs(project).resolve(".claude/settings.json");
            case CODEX_SKILLS_CONFIG -> AgentFolders.codexHome(env).resolve("config.toml");
            case GEMINI_CLI_SKILLS_DISABLED -> project == null ? geminiHome().resolve("settings.json")
                    : abs(project).resolve(".gemini/settings.json");
            case KEEP -> null;
        };
    }

    /** Gemini CLI's folder: {@code $GEMINI_CLI_HOME/.gemini}, else {@code ~/.gemini}. */
    Path geminiHome() {
        return AgentTargets.expand("${GEMINI_CLI_HOME:-~}/.gemini", env, null);
    }

    /** Plans switching {@code skill} off ({@code mode} not on) or on for {@code a}; nothing is written. */
    public Plan plan(String skill, Agent a, Path project, Mode mode) throws IOException {
        return plan(skill, a, project, mode, Map.of());
    }

    /**
     * As {@link #plan(String, Agent, Path, Mode)}, reading a settings file from {@code pending} when it holds it: the
     * bytes an earlier plan of the same switch will have written (a scene plans many switches of one file).
     */
    public Plan plan(String skill, Agent a, Path project, Mode mode, Map<Path, byte[]> pending) throws IOException {
        checkName(skill);
        Path p = project == null ? null : abs(project);
        if (mode != Mode.ON && mode != Mode.OFF && a.switchKind() != AgentTargets.Switch.CLAUDE_CODE_SKILL_OVERRIDES) {
            throw new Refused(a.name() + " switches a skill on or off only; " + mode.label() + " is Claude Code's");
        }
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        switch (a.switchKind()) {
            case CLAUDE_CODE_SKILL_OVERRIDES -> {
                Path f = settingsFile(a, p);
                byte[] before = pending.containsKey(f) ? pending.get(f) : read(f);
                JsonEdit doc = json(f, before);
                String after = mode == Mode.ON ? doc.remove(List.of("skillOverrides"), skill)
                        : edit(f, () -> doc.setString(List.of("skillOverrides"), skill, mode.label()));
                addOrRemove(changes, f, before, after, p != null ? p : rootFor(AgentFolders.claudeConfigDir(env)),
                        "skillOverrides." + skill + (mode == Mode.ON ? " removed (on)" : " = " + mode.label()));
                if (mode == Mode.ON && p != null) {
                    // on means on: the project's local file (where Claude Code's /skills menu writes) too
                    Path local = p.resolve(".claude/settings.local.json");
                    byte[] lb = pending.containsKey(local) ? pending.get(local) : read(local);
                    String still = json(local, lb).string("skillOverrides", skill);
                    if (still != null && !still.equals("on")) {
                        addOrRemove(changes, local, lb, json(local, lb).remove(List.of("skillOverrides"), skill), p,
                                "skillOverrides." + skill + " removed (on)");
                    }
                }
                if (mode != Mode.ON && p != null) {
                    notes.add(f + " is the project's shared settings (usually committed): the switch applies to everyone"
                            + " who works on it");
                }
                if (mode == Mode.ON && p != null) {
                    Path mine = AgentFolders.claudeConfigDir(env).resolve("settings.json");
                    String personal = json(mine, pending.containsKey(mine) ? pending.get(mine) : read(mine))
                            .string("skillOverrides", skill);
                    if (personal != null && !personal.equals("on")) {
                        notes.add(skill + " is still " + personal + " in your own " + mine + ", for every project: switch it"
                                + " on for you (without a project) to lift that");
                    }
                }
            }
            case CODEX_SKILLS_CONFIG -> {
                Path f = settingsFile(a, p);
                byte[] before = pending.containsKey(f) ? pending.get(f) : read(f);
                String text = before == null ? "" : new String(before, StandardCharsets.UTF_8);
                CodexConfig cfg = codex(f, text);
                String after = text;
                List<String> selectors = new ArrayList<>();
                if (p == null) {
                    selectors.add("name = \"" + skill + "\"");
                    after = mode == Mode.ON ? cfg.enable(null, skill) : cfg.disable(null, skill);
                } else {
                    notes.add("Codex reads [[skills.config]] from your own config.toml only, not the project's;"
                            + " the project's copies are switched by their SKILL.md path");
                    for (AgentTargets.Root r : a.reads(env, p)) {
                        if (!r.inProject()) {
                            continue;
                        }
                        Path md = r.folder().resolve(skill).resolve("SKILL.md");
                        if (!Files.isRegularFile(md)) {
                            continue;
                        }
                        String sel = real(md).toString();
                        CodexConfig c = codex(f, after);
                        after = mode == Mode.ON ? c.enable(sel, null) : c.disable(sel, null);
                        selectors.add("path = \"" + sel + "\"");
                    }
                    if (after.equals(text) && mode != Mode.ON) {
                        throw new Refused("no copy of " + skill + " in " + p + " that Codex reads (.agents/skills,"
                                + " .codex/skills)");
                    }
                }
                addOrRemove(changes, f, before, after, rootFor(AgentFolders.codexHome(env)),
                        "[[skills.config]] " + String.join(", ", selectors) + (mode == Mode.ON ? " removed (on)"
                                : " enabled = false"));
            }
            case GEMINI_CLI_SKILLS_DISABLED -> {
                Path f = settingsFile(a, p);
                byte[] before = pending.containsKey(f) ? pending.get(f) : read(f);
                JsonEdit doc = json(f, before);
                boolean listed = doc.strings("skills", "disabled").stream().anyMatch(s -> s.equalsIgnoreCase(skill));
                String after = mode == Mode.ON ? doc.removeFromArray(List.of("skills"), "disabled", skill, true)
                        : listed ? doc.text() : edit(f, () -> doc.addToArray(List.of("skills"), "disabled", skill));
                addOrRemove(changes, f, before, after, p != null ? p : rootFor(geminiHome()),
                        "skills.disabled " + (mode == Mode.ON ? "without " : "with ") + skill);
                if (mode == Mode.ON) {
                    Path other = p == null ? null : geminiHome().resolve("settings.json");
                    if (other != null && json(other, read(other)).strings("skills", "disabled").stream()
                            .anyMatch(s -> s.equalsIgnoreCase(skill))) {
                        notes.add("still in skills.disabled of " + other + "; Gemini CLI adds up both lists");
                    }
                }
            }
            case KEEP -> planKeep(skill, a, p, mode, changes, notes);
        }
        return new Plan(a, p, skill, mode, List.copyOf(changes), List.copyOf(notes));
    }

    private void planKeep(String skill, Agent a, Path p, Mode mode, List<Change> changes, List<String> notes)
            throws IOException {
        for (AgentTargets.Root r : a.reads(env, p)) {
            // off: the copies of the scope; on: every copy kept from where the agent reads there
            if (r.inProject() != (p != null) && mode != Mode.ON) {
                continue;
            }
            Path origin = r.folder().resolve(skill);
            Path kept = keptCopy(origin);
            WriteRoot originRoot = WriteRoot.of(p != null ? p : r.folder());
            if (mode == Mode.ON) {
                if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.exists(origin, LinkOption.NOFOLLOW_LINKS)) {
                        throw new Refused(origin + " is there again; the copy kept for it stays in " + kept.getParent());
                    }
                    changes.add(Change.move("back to " + origin, kept, origin, originRoot.root(), keep()));
                }
            } else if (Files.exists(origin.resolve("SKILL.md")) || Files.isSymbolicLink(origin)) {
                if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Refused(kept + " already keeps a copy switched off from " + origin + "; switch it on first");
                }
                changes.add(Change.move("into SkillDesk's keep", origin, kept, originRoot.root(), keep()));
                List<String> also = AgentTargets.readersOf(r.folder(), env, p).stream().filter(b -> b != a)
                        .map(Agent::name).toList();
                if (!also.isEmpty()) {
                    notes.add(r.folder() + " is also read by " + String.join(", ", also) + ": moving the copy out hides it"
                            + " from those agents too");
                }
            }
        }
        if (changes.isEmpty() && mode != Mode.ON) {
            throw new Refused("no skill folder " + skill + " in the folders " + a.name() + " reads"
                    + (p == null ? " globally" : " in " + p) + ": " + String.join(", ", a.reads(env, p).stream()
                    .filter(r -> r.inProject() == (p != null)).map(r -> r.folder().toString()).toList()));
        }
    }

    /** Where the keep holds the copy switched off from {@code origin}: one folder per origin, named by its hash. */
    public Path keptCopy(Path origin) {
        return keep().resolve(key(origin.toAbsolutePath().normalize().toString())).resolve(origin.getFileName().toString());
    }

    /** The copies in the keep that were switched off from {@code folder} (a folder an agent reads). */
    public List<Path> keptFrom(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        Path k = keep();
        if (!Files.isDirectory(k)) {
            return out;
        }
        try (var keys = Files.list(k)) {
            for (Path key : keys.toList()) {
                if (!Files.isDirectory(key, LinkOption.NOFOLLOW_LINKS) || key.getFileName().toString().startsWith(".")) {
                    continue; // the last scene's record, the ledger: not kept copies
                }
                try (var inside = Files.list(key)) {
                    for (Path c : inside.toList()) {
                        if (keptCopy(folder.resolve(c.getFileName().toString())).equals(c)) {
                            out.add(c);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Writes every change of {@code plan}, in order; a file changed since the plan is refused, nothing after it done. */
    public List<Change> apply(Plan plan) throws IOException {
        return apply(plan.changes());
    }

    public List<Change> apply(List<Change> changes) throws IOException {
        List<Change> done = new ArrayList<>();
        try {
            for (Change c : changes) {
                run(c);
                done.add(c);
            }
        } catch (IOException e) {
            undo(done);
            throw e;
        }
        return done;
    }

    /** Puts back what {@code done} changed, last first. */
    public void undo(List<Change> done) throws IOException {
        for (int i = done.size() - 1; i >= 0; i--) {
            run(done.get(i).inverse());
        }
    }

    private void run(Change c) throws IOException {
        if (c.isMove()) {
            moveFolder(c);
            return;
        }
        byte[] now = read(c.path());
        if (!Arrays.equals(now, c.before())) {
            throw new Refused(c.path() + " changed since the switch was planned; nothing written to it");
        }
        WriteRoot root = WriteRoot.of(c.root());
        if (c.after() == null) {
            root.delete(c.path());
            if (c.madeDir() != null && onlyEmptyFolders(c.madeDir())) {
                // the folders the write made, as they were: not there
                WriteRoot.of(c.madeDir().getParent()).delete(c.madeDir());
            }
            noteCreated(c.path(), null, false);
        } else {
            root.write(c.path(), c.after());
            if (c.before() == null) {
                noteCreated(c.path(), c.madeDir(), true);
            }
        }
    }

    private static boolean onlyEmptyFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var all = Files.walk(dir)) {
            return all.allMatch(x -> Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private void moveFolder(Change c) throws IOException {
        boolean intoKeep = c.to().startsWith(keep());
        WriteRoot fromRoot = WriteRoot.of(intoKeep ? c.root() : c.keepRoot());
        WriteRoot toRoot = WriteRoot.of(intoKeep ? c.keepRoot() : c.root());
        fromRoot.check(c.from().getParent());
        if (!Files.isSymbolicLink(c.from())) {
            fromRoot.check(c.from());
        }
        if (Files.exists(c.to(), LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(c.to() + " is there; " + c.from() + " not moved");
        }
        toRoot.createDirectories(c.to().getParent());
        toRoot.check(c.to());
        try {
            Files.move(c.from(), c.to(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            FolderCopy.copy(c.from(), c.to());
            fromRoot.delete(c.from());
        }
        if (!intoKeep) {
            Path key = c.from().getParent();
            try (var left = Files.list(key)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(key);
                }
            }
        }
    }

    private static void addFileChange(List<Change> changes, Path f, byte[] before, String after, Path root, String what) {
        byte[] a = after.getBytes(StandardCharsets.UTF_8);
        if (before == null && after.isEmpty()) {
            return;
        }
        if (before != null && Arrays.equals(before, a)) {
            return;
        }
        changes.add(Change.file(what, f, before, a, root));
    }

    private interface Edit {
        String run() throws JsonEdit.Malformed;
    }

    private static String edit(Path f, Edit e) throws Refused {
        try {
            return e.run();
        } catch (JsonEdit.Malformed m) {
            throw new Refused(f + ":" + m.line() + ":" + m.column() + ": expected " + m.getMessage()
                    + "; the file is left as it is");
        }
    }

    static JsonEdit json(Path f, byte[] bytes) throws Refused {
        try {
            return JsonEdit.of(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonEdit.Malformed m) {
            throw new Refused(f + ":" + m.line() + ":" + m.column() + ": does not parse as JSON (expected "
                    + m.getMessage() + "); the file is left as it is");
        }
    }

    static CodexConfig codex(Path f, String text) throws Refused {
        try {
            return new CodexConfig(text);
        } catch (JsonEdit.Malformed m) {
            throw new Refused(f + ":" + m.line() + ": expected " + m.getMessage() + "; the file is left as it is");
        }
    }

    /** A file's bytes, or null when there is none; a file too large for settings is refused. */
    static byte[] read(Path f) throws IOException {
        if (f == null || !Files.exists(f, LinkOption.NOFOLLOW_LINKS) && !Files.exists(f)) {
            return null;
        }
        if (Files.size(f) > 4L * 1024 * 1024) {
            throw new Refused(f + " is larger than 4 MB; not a settings file SkillDesk edits");
        }
        return Files.readAllBytes(f);
    }

    static void checkName(String skill) throws Refused {
        if (skill == null || skill.isBlank() || skill.length() > 255 || skill.equals(".") || skill.equals("..")
                || skill.contains("/") || skill.contains("\\") || skill.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new Refused("'" + dev.skilldesk.skill.Printable.line(String.valueOf(skill))
                    + "' is not a skill name (" + FileNames.RULE_ESCAPE + ": a folder name, no path)");
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }

    static String key(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unused")
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
