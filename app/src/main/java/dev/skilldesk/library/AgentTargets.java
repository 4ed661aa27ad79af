package dev.skilldesk.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The agents that read skill folders, and where: each one's folder in a project (relative to its root) and its
 * global folder under the user's home, with the overrides the agents honour ({@code $CLAUDE_CONFIG_DIR},
 * {@code $CODEX_HOME}, {@code $XDG_CONFIG_HOME}). Seeded from the {@code skills} CLI's {@code src/agents.ts} in
 * vercel-labs/skills at commit {@value #SEEDED_FROM} (the newest copy readable here, 2026-02-14), then checked
 * against the agents' own documentation (2026-12-01):
 * <ul>
 * <li>Goose differs, and follows its docs (block/goose {@code documentation/docs/guides/context-engineering/using-skills.md}
 *     at 0b282cf: "{@code ~/.agents/skills/} — Global… {@code .agents/skills/} — Project-level"; the table's
 *     {@code $XDG_CONFIG_HOME/goose/skills} and {@code .goose/skills} are its legacy folders, still read);</li>
 * <li>agree (the folder used here is one the docs name): Claude Code, Cursor (cursor.com/docs/context/skills),
 *     Gemini CLI ({@code .agents/skills} is its documented alias of {@code .gemini/skills}), GitHub Copilot
 *     ({@code .agents/skills} beside {@code .github/skills}), OpenCode ({@code .agents/skills} is read "for
 *     compatibility" beside {@code .opencode/skills}), Windsurf, Cline ({@code docs/customization/skills.mdx}),
 *     Roo Code, Kiro;</li>
 * <li>not confirmed by docs found here, kept as the table has them: Codex's global folder (its source read
 *     {@code $CODEX_HOME/skills}; a copy of its docs says {@code ~/.agents/skills}), Amp, Junie, Continue (its docs
 *     show {@code .continue/<name>/SKILL.md}).</li>
 * </ul>
 * Several agents share a folder (a project's {@code .agents/skills}): {@link #byFolder} gives one copy for all of
 * them.
 */
public final class AgentTargets {
    public static final String SEEDED_FROM = "82dd76bda58bedde5ddbf8f86fe63a538db20c19";

    /** An agent: id (as the {@code skills} CLI spells it), name, project folder, global folder, config folder. */
    public record Agent(String id, String name, String projectDir, Function<Map<String, String>, Path> global,
                        Function<Map<String, String>, Path> config) {
        public Path globalDir(Map<String, String> env) {
            return global.apply(env).toAbsolutePath().normalize();
        }

        public Path projectDir(Path project) {
            return project.toAbsolutePath().normalize().resolve(projectDir).normalize();
        }

        /** Whether the agent looks installed: its configuration folder exists. */
        public boolean installed(Map<String, String> env) {
            return Files.isDirectory(config.apply(env));
        }
    }

    private static Path home(Map<String, String> env) {
        return LocalIdentity.home(env);
    }

    private static Agent inHome(String id, String name, String projectDir, String global, String config) {
        return new Agent(id, name, projectDir, env -> home(env).resolve(global), env -> home(env).resolve(config));
    }

    private static Agent inXdg(String id, String name, String projectDir, String global, String config) {
        return new Agent(id, name, projectDir, env -> AgentFolders.xdgConfigHome(env).resolve(global),
                env -> AgentFolders.xdgConfigHome(env).resolve(config));
    }

    private static final List<Agent> ALL = List.of(
            inXdg("amp", "Amp", ".agents/skills", "agents/skills", "amp"),
            inHome("antigravity", "Antigravity", ".agent/skills", ".gemini/antigravity/skills", ".gemini/antigravity"),
            inHome("augment", "Augment", ".augment/skills", ".augment/skills", ".augment"),
            new Agent("claude-code", "Claude Code", ".claude/skills", AgentFolders::claudeSkills, AgentFolders::claudeConfigDir),
            inHome("openclaw", "OpenClaw", "skills", ".openclaw/skills", ".openclaw"),
            inHome("cline", "Cline", ".cline/skills", ".cline/skills", ".cline"),
            inHome("codebuddy", "CodeBuddy", ".codebuddy/skills", ".codebuddy/skills", ".codebuddy"),
            new Agent("codex", "Codex", ".agents/skills", env -> AgentFolders.codexHome(env).resolve("skills"),
                    AgentFolders::codexHome),
            inHome("command-code", "Command Code", ".commandcode/skills", ".commandcode/skills", ".commandcode"),
            inHome("continue", "Continue", ".continue/skills", ".continue/skills", ".continue"),
            inHome("crush", "Crush", ".crush/skills", ".config/crush/skills", ".config/crush"),
            inHome("cursor", "Cursor", ".cursor/skills", ".cursor/skills", ".cursor"),
            inHome("droid", "Droid", ".factory/skills", ".factory/skills", ".factory"),
            inHome("gemini-cli", "Gemini CLI", ".agents/skills", ".gemini/skills", ".gemini"),
            inHome("github-copilot", "GitHub Copilot", ".agents/skills", ".copilot/skills", ".copilot"),
            // Goose's docs, not the seed's legacy folders (see above)
            new Agent("goose", "Goose", ".agents/skills", env -> home(env).resolve(".agents/skills"),
                    env -> AgentFolders.xdgConfigHome(env).resolve("goose")),
            inHome("junie", "Junie", ".junie/skills", ".junie/skills", ".junie"),
            inHome("iflow-cli", "iFlow CLI", ".iflow/skills", ".iflow/skills", ".iflow"),
            inHome("kilo", "Kilo Code", ".kilocode/skills", ".kilocode/skills", ".kilocode"),
            inHome("kimi-cli", "Kimi Code CLI", ".agents/skills", ".config/agents/skills", ".kimi"),
            inHome("kiro-cli", "Kiro CLI", ".kiro/skills", ".kiro/skills", ".kiro"),
            inHome("kode", "Kode", ".kode/skills", ".kode/skills", ".kode"),
            inHome("mcpjam", "MCPJam", ".mcpjam/skills", ".mcpjam/skills", ".mcpjam"),
            inHome("mistral-vibe", "Mistral Vibe", ".vibe/skills", ".vibe/skills", ".vibe"),
            inHome("mux", "Mux", ".mux/skills", ".mux/skills", ".mux"),
            inXdg("opencode", "OpenCode", ".agents/skills", "opencode/skills", "opencode"),
            inHome("openhands", "OpenHands", ".openhands/skills", ".openhands/skills", ".openhands"),
            inHome("pi", "Pi", ".pi/skills", ".pi/agent/skills", ".pi/agent"),
            inHome("qoder", "Qoder", ".qoder/skills", ".qoder/skills", ".qoder"),
            inHome("qwen-code", "Qwen Code", ".qwen/skills", ".qwen/skills", ".qwen"),
            inXdg("replit", "Replit", ".agents/skills", "agents/skills", "agents"),
            inHome("roo", "Roo Code", ".roo/skills", ".roo/skills", ".roo"),
            inHome("trae", "Trae", ".trae/skills", ".trae/skills", ".trae"),
            inHome("trae-cn", "Trae CN", ".trae/skills", ".trae-cn/skills", ".trae-cn"),
            inHome("windsurf", "Windsurf", ".windsurf/skills", ".codeium/windsurf/skills", ".codeium/windsurf"),
            inHome("zencoder", "Zencoder", ".zencoder/skills", ".zencoder/skills", ".zencoder"),
            inHome("neovate", "Neovate", ".neovate/skills", ".neovate/skills", ".neovate"),
            inHome("pochi", "Pochi", ".pochi/skills", ".pochi/skills", ".pochi"),
            inHome("adal", "AdaL", ".adal/skills", ".adal/skills", ".adal"));

    private AgentTargets() {
    }

    public static List<Agent> all() {
        return ALL;
    }

    /** The agent with {@code id} (case-insensitive); an unknown one is refused with the ids there are. */
    public static Agent byId(String id) {
        String want = id.strip().toLowerCase(Locale.ROOT);
        for (Agent a : ALL) {
            if (a.id().equals(want)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no agent '" + id + "'; the agents are " + String.join(", ",
                ALL.stream().map(Agent::id).toList()));
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
     * The folders {@code agents} read, in the project {@code project} (null: their global folders): one
     * {@link Target} per folder, so that agents sharing a folder share one copy.
     */
    public static List<Target> byFolder(List<Agent> agents, Map<String, String> env, Path project) {
        Map<Path, List<Agent>> m = new LinkedHashMap<>();
        for (Agent a : agents) {
            Path f = project == null ? a.globalDir(env) : a.projectDir(project);
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

    /** The agents that read the skills folder {@code folder}, globally or as the project folder of some project. */
    public static Where where(Path folder, Map<String, String> env) {
        Path f = folder.toAbsolutePath().normalize();
        List<Agent> global = new ArrayList<>();
        for (Agent a : ALL) {
            if (a.globalDir(env).equals(f)) {
                global.add(a);
            }
        }
        if (!global.isEmpty()) {
            return new Where(global, null);
        }
        List<Agent> project = new ArrayList<>();
        Path root = null;
        for (Agent a : ALL) {
            Path rel = Path.of(a.projectDir());
            if (f.getNameCount() > rel.getNameCount() && f.endsWith(rel)) {
                Path r = f;
                for (int i = 0; i < rel.getNameCount(); i++) {
                    r = r.getParent();
                }
                if (root == null || root.equals(r)) {
                    root = r;
                    project.add(a);
                }
            }
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
        for (Agent a : ALL) {
            if (a.globalDir(env).equals(f)) {
                return f;
            }
        }
        Path best = null;
        for (Agent a : ALL) {
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
        for (Agent a : ALL) {
            if (a.globalDir(env).equals(f) || (project != null && a.projectDir(project).equals(f))) {
                out.add(a);
            }
        }
        return out;
    }
}
