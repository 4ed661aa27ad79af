package dev.skilldesk.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agents that read skill folders, and where: each one's folder in a project (relative to its root), the global
 * folder it reads under the user's home, where a global install goes, and when it counts as installed. The table is
 * data, {@code agents.json} beside this class: its {@code agents} are the {@code skills} CLI's table as published
 * on npm (the version it names), which {@code AgentTableTest} compares with that package, so a refresh is a data
 * change. Its {@code docs} say where an agent's own documentation differs or says more (the folders it reads in
 * order of precedence, what it does with two skills of one name, its own switch for a skill, its listing budget);
 * those win over the table, and each names its source.
 * <p>
 * Several agents share a folder (a project's {@code .agents/skills}, and {@code ~/.agents/skills}, where the
 * {@code skills} CLI puts one global copy for all of them): {@link #byFolder} gives one copy for all of them.
 */
public final class AgentTargets {
    /** The resource the table is read from. */
    public static final String RESOURCE = "agents.json";

    /** How an agent turns a skill off without deleting it. */
    public enum Switch {
        /** Claude Code's {@code skillOverrides} in a settings file. */
        CLAUDE_CODE_SKILL_OVERRIDES,
        /** Codex's {@code [[skills.config]]} entries in {@code $CODEX_HOME/config.toml}. */
        CODEX_SKILLS_CONFIG,
        /** Gemini CLI's {@code skills.disabled} in a settings file. */
        GEMINI_CLI_SKILLS_DISABLED,
        /** No switch of its own: the copy moves out of the folders it reads, into SkillDesk's keep, and back. */
        KEEP;

        static Switch parse(String s) {
            if (s == null) {
                return KEEP;
            }
            String want = s.replaceAll("[-_]", "").toLowerCase(Locale.ROOT);
            for (Switch w : values()) {
                if (w.name().replace("_", "").toLowerCase(Locale.ROOT).equals(want)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("no switch '" + s + "' in " + RESOURCE);
        }
    }

    /** What the agent's listing of skills may spend: a fraction of the context window, or characters. */
    public record ListingRule(double fraction, int maxEntryChars, int unknownWindowChars, String overBudget) {
    }

    /** A folder an agent reads skills from, with its scope ("project", "personal", "user"…) and rank (0 first). */
    public record Root(String scope, Path folder, boolean inProject, int rank) {
    }

    /**
     * An agent: id (as the {@code skills} CLI spells it), name, project folder, and the templates of its global folder
     * and of where a global install goes (null: no global install), the folders whose presence means it is installed,
     * and what its docs say.
     */
    public record Agent(String id, String name, String projectDir, String globalTemplate, String installTemplate,
                        List<String> detect, Docs docs) {
        /** The global folder the agent reads (null: none). */
        public Path globalDir(Map<String, String> env) {
            return globalTemplate == null ? null : expand(globalTemplate, env, null);
        }

        /** Where a global install for this agent goes (null: the agent has no global folder). */
        public Path installDir(Map<String, String> env) {
            String t = installTemplate != null ? installTemplate : globalTemplate;
            return t == null ? null : expand(t, env, null);
        }

        public Path projectDir(Path project) {
            return project.toAbsolutePath().normalize().resolve(projectDir).normalize();
        }

        /** Whether the agent looks installed: one of its configuration folders exists. */
        public boolean installed(Map<String, String> env) {
            return detect.stream().anyMatch(d -> Files.isDirectory(expand(d, env, null)));
        }

        /**
         * The folders the agent reads skills from, highest precedence first: its docs' list when they give one, else
         * the project folder (with {@code project}) before the global ones.
         */
        public List<Root> reads(Map<String, String> env, Path project) {
            List<Root> out = new ArrayList<>();
            if (docs.reads().isEmpty()) {
                if (project != null) {
                    out.add(new Root("project", projectDir(project), true, out.size()));
                }
                for (Path p : new Path[] {globalDir(env), installDir(env)}) {
                    if (p != null && out.stream().noneMatch(r -> r.folder().equals(p))) {
                        out.add(new Root("global", p, false, out.size()));
                    }
                }
                return out;
            }
            int rank = 0;
            String last = null;
            for (Docs.Read r : docs.reads()) {
                boolean inProject = r.path().startsWith("./");
                if (inProject && project == null) {
                    continue;
                }
                Path p = expand(r.path(), env, project);
                if (out.stream().anyMatch(x -> x.folder().equals(p))) {
                    continue;
                }
                if (last != null && !last.equals(r.scope())) {
                    rank++;
                }
                last = r.scope();
                out.add(new Root(r.scope(), p, inProject, docs.sameNameAllLoad() ? rank : out.size()));
            }
            return out;
        }

        /** Whether two skills of one name both load (Codex), rather than the first in {@link #reads} winning. */
        public boolean sameNameAllLoad() {
            return docs.sameNameAllLoad();
        }

        public Switch switchKind() {
            return docs.switchKind();
        }
    }

    /** What an agent's own documentation says beyond the table (all optional). */
    public record Docs(String source, String why, List<Read> reads, boolean sameNameAllLoad, String precedence,
                       Switch switchKind, ListingRule listing) {
        public record Read(String scope, String path) {
        }

        static final Docs NONE = new Docs(null, null, List.of(), false,
                "the project's folder over the global one (assumed: not documented)", Switch.KEEP, null);
    }

    /** The table as read from its resource: where it came from, and the agents in its order. */
    public record Table(String source, String sourceVersion, List<Agent> agents) {
    }

    private static final Table TABLE = load();

    private AgentTargets() {
    }

    public static Table table() {
        return TABLE;
    }

    public static List<Agent> all() {
        return TABLE.agents();
    }

    /** The agent with {@code id} (case-insensitive); an unknown one is refused with the ids there are. */
    public static Agent byId(String id) {
        String want = id.strip().toLowerCase(Locale.ROOT);
        for (Agent a : all()) {
            if (a.id().equals(want)) {
                return a;
            }
        }
        if (want.equals("kimi-cli")) {
            return byId("kimi-code-cli");
        }
        throw new IllegalArgumentException("no agent '" + id + "'; the agents are " + String.join(", ",
                all().stream().map(Agent::id).toList()));
    }

    /**
     * Expands a path template of the table: {@code ${VAR:-default}} is the variable when set and not blank (a relative
     * value is taken from the home folder), else the default; a leading {@code ~} is the home folder, a leading
     * {@code ./} the project.
     */
    public static Path expand(String template, Map<String, String> env, Path project) {
        String t = template;
        if (t.startsWith("${")) {
            int close = t.indexOf('}');
            String inner = t.substring(2, close);
            int dash = inner.indexOf(":-");
            String var = dash < 0 ? inner : inner.substring(0, dash);
            String dflt = dash < 0 ? "" : inner.substring(dash + 2);
            String v = env.get(var);
            String rest = t.substring(close + 1);
            if (v != null && !v.isBlank()) {
                Path p = Path.of(v.strip());
                p = p.isAbsolute() ? p : LocalIdentity.home(env).resolve(p);
                return (rest.isEmpty() ? p : p.resolve(rest.substring(1))).toAbsolutePath().normalize();
            }
            t = dflt + rest;
        }
        Path p;
        if (t.equals("~") || t.startsWith("~/")) {
            p = t.length() <= 2 ? LocalIdentity.home(env) : LocalIdentity.home(env).resolve(t.substring(2));
        } else if (t.startsWith("./")) {
            p = project.toAbsolutePath().resolve(t.substring(2));
        } else {
            p = Path.of(t);
        }
        return p.toAbsolutePath().normalize();
    }

    private static Table load() {
        try (InputStream in = AgentTargets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " beside " + AgentTargets.class.getName());
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agents table " + RESOURCE, e);
        }
    }

    /** Reads a table in the resource's shape (the test reads the resource itself through this). */
    static Table parse(JsonNode root) {
        Map<String, Docs> docs = new LinkedHashMap<>();
        root.path("docs").fields().forEachRemaining(e -> docs.put(e.getKey(), docs(e.getValue())));
        List<Agent> agents = new ArrayList<>();
        for (JsonNode a : root.path("agents")) {
            String id = a.path("id").asText();
            Docs d = docs.getOrDefault(id, Docs.NONE);
            JsonNode over = root.path("docs").path(id);
            String project = over.hasNonNull("project") ? over.get("project").asText() : a.path("project").asText();
            String global = over.hasNonNull("global") ? over.get("global").asText() : text(a, "global");
            String install = over.hasNonNull("global") ? null : text(a, "install");
            List<String> detect = new ArrayList<>();
            a.path("detect").forEach(x -> detect.add(x.asText()));
            agents.add(new Agent(id, a.path("name").asText(), project, global, install, List.copyOf(detect), d));
        }
        return new Table(root.path("source").asText(), root.path("sourceVersion").asText(), List.copyOf(agents));
    }

    private static Docs docs(JsonNode d) {
        List<Docs.Read> reads = new ArrayList<>();
        d.path("reads").forEach(r -> reads.add(new Docs.Read(r.path("scope").asText(), r.path("path").asText())));
        JsonNode l = d.path("listing");
        ListingRule listing = l.isMissingNode() ? null : new ListingRule(l.path("fraction").asDouble(0),
                l.path("maxEntryChars").asInt(0), l.path("unknownWindowChars").asInt(0), l.path("overBudget").asText("name-only"));
        return new Docs(text(d, "docs"), text(d, "why"), List.copyOf(reads), "all".equals(text(d, "sameName")),
                d.hasNonNull("precedence") ? d.get("precedence").asText() : Docs.NONE.precedence(),
                Switch.parse(text(d, "switch")), listing);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * A folder several agents may read, with those agents (in the table's order), and the root a write there starts
     * from ({@link WriteRoot}): the project for a project's folder, else the folder itself.
     */
    public record Target(Path folder, List<Agent> agents, Path root) {
        /** A folder the user named (or a global one): it is its own root. */
        public Target(Path folder, List<Agent> agents) {
            this(folder, agents, folder);
        }

        public WriteRoot writeRoot() {
            return WriteRoot.of(root);
        }

        public String agentIds() {
            return String.join(", ", agents.stream().map(Agent::id).toList());
        }
    }

    /**
     * The folders {@code agents} read, in the project {@code project} (null: where their global installs go): one
     * {@link Target} per folder, so that agents sharing a folder share one copy. An agent with no global folder is
     * refused for a global install, by name.
     */
    public static List<Target> byFolder(List<Agent> agents, Map<String, String> env, Path project) {
        Map<Path, List<Agent>> m = new LinkedHashMap<>();
        for (Agent a : agents) {
            Path f = project == null ? a.installDir(env) : a.projectDir(project);
            if (f == null) {
                throw new IllegalArgumentException(a.name() + " (" + a.id() + ") reads skills only in a project;"
                        + " name one with --project");
            }
            m.computeIfAbsent(f, k -> new ArrayList<>()).add(a);
        }
        List<Target> out = new ArrayList<>();
        Path root = project == null ? null : project.toAbsolutePath().normalize();
        m.forEach((f, list) -> out.add(new Target(f, List.copyOf(list), root == null ? f : root)));
        return out;
    }

    /** Whose folder a skills folder is: the agents that read it, and the project it is in (null: a global folder). */
    public record Where(List<Agent> agents, Path project) {
        public String agentNames() {
            return agents.isEmpty() ? "" : String.join(", ", agents.stream().map(Agent::name).toList());
        }
    }

    private static boolean isGlobalFolderOf(Agent a, Path f, Map<String, String> env) {
        return f.equals(a.globalDir(env)) || f.equals(a.installDir(env));
    }

    /** The agents that read the skills folder {@code folder}, globally or as the project folder of some project. */
    public static Where where(Path folder, Map<String, String> env) {
        Path f = folder.toAbsolutePath().normalize();
        List<Agent> global = new ArrayList<>();
        for (Agent a : all()) {
            if (isGlobalFolderOf(a, f, env)) {
                global.add(a);
            }
        }
        if (!global.isEmpty()) {
            return new Where(global, null);
        }
        // the longest project folder that matches wins: P/.codeartsdoer/skills is P's, not P/.codeartsdoer's 'skills'
        Path root = writeRootOf(f, env);
        List<Agent> project = new ArrayList<>();
        if (!root.equals(f)) {
            for (Agent a : all()) {
                if (a.projectDir(root).equals(f)) {
                    project.add(a);
                }
            }
        }
        if (project.isEmpty()) {
            root = null;
        }
        return new Where(project, root);
    }

    /**
     * Where a write into the skills folder {@code folder} starts from ({@link WriteRoot}): the folder itself when it is
     * an agent's global folder, else the project when it is an agent's folder in one (the longest such match:
     * {@code P/.claude/skills} belongs to {@code P}), else the folder itself.
     */
    public static Path writeRootOf(Path folder, Map<String, String> env) {
        Path f = folder.toAbsolutePath().normalize();
        for (Agent a : all()) {
            if (isGlobalFolderOf(a, f, env)) {
                return f;
            }
        }
        Path best = null;
        for (Agent a : all()) {
            Path rel = Path.of(a.projectDir());
            if (f.getNameCount() > rel.getNameCount() && f.endsWith(rel)) {
                Path r = f;
                for (int i = 0; i < rel.getNameCount(); i++) {
                    r = r.getParent();
                }
                if (best == null || r.getNameCount() < best.getNameCount()) {
                    best = r;
                }
            }
        }
        return best == null ? f : best;
    }

    /** The agents that read {@code folder}, globally or in {@code project} (null: globally only). */
    public static List<Agent> readersOf(Path folder, Map<String, String> env, Path project) {
        Path f = folder.toAbsolutePath().normalize();
        List<Agent> out = new ArrayList<>();
        for (Agent a : all()) {
            if (isGlobalFolderOf(a, f, env) || (project != null && a.projectDir(project).equals(f))) {
                out.add(a);
            }
        }
        return out;
    }
}
