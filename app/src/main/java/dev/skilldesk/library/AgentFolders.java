package dev.skilldesk.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The folders agents read skills from, under the user's home ({@code $HOME}) and a project, honouring the
 * agents' own overrides: Claude Code's {@code $CLAUDE_CONFIG_DIR} (default {@code ~/.claude}), Codex's
 * {@code $CODEX_HOME} (default {@code ~/.codex}), and {@code ~/.agents/skills}, which several agents share.
 */
public final class AgentFolders {
    private AgentFolders() {
    }

    /** Claude Code's configuration folder: {@code $CLAUDE_CONFIG_DIR}, else {@code $HOME/.claude}. */
    public static Path claudeConfigDir(Map<String, String> env) {
        return envDir(env, "CLAUDE_CONFIG_DIR").orElse(LocalIdentity.home(env).resolve(".claude"));
    }

    /** Codex's home: {@code $CODEX_HOME}, else {@code $HOME/.codex}. */
    public static Path codexHome(Map<String, String> env) {
        return envDir(env, "CODEX_HOME").orElse(LocalIdentity.home(env).resolve(".codex"));
    }

    /** The XDG configuration folder: {@code $XDG_CONFIG_HOME}, else {@code $HOME/.config}. */
    public static Path xdgConfigHome(Map<String, String> env) {
        return envDir(env, "XDG_CONFIG_HOME").orElse(LocalIdentity.home(env).resolve(".config"));
    }

    /** Claude Code's personal skills folder. */
    public static Path claudeSkills(Map<String, String> env) {
        return claudeConfigDir(env).resolve("skills");
    }

    /** The shared {@code ~/.agents/skills} folder. */
    public static Path agentsSkills(Map<String, String> env) {
        return LocalIdentity.home(env).resolve(".agents/skills");
    }

    public static List<Path> candidates(Map<String, String> env, Path project) {
        List<Path> out = new ArrayList<>();
        out.add(claudeSkills(env));
        out.add(agentsSkills(env));
        out.add(codexHome(env).resolve("skills"));
        if (project != null) {
            out.add(project.resolve(".claude/skills"));
            out.add(project.resolve(".agents/skills"));
        }
        return out.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    public static List<Path> existing(Map<String, String> env, Path project) {
        return candidates(env, project).stream().filter(Files::isDirectory).toList();
    }

    private static java.util.Optional<Path> envDir(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return java.util.Optional.empty();
        }
        Path p = Path.of(v);
        return java.util.Optional.of(p.isAbsolute() ? p.normalize() : LocalIdentity.home(env).resolve(p).normalize());
    }
}
