package dev.skilldesk.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The folders agents read skills from: {@code ~/.claude/skills}, {@code <project>/.claude/skills}, {@code ~/.agents/skills}. */
public final class AgentFolders {
    private AgentFolders() {
    }

    public static List<Path> candidates(Path home, Path project) {
        List<Path> out = new ArrayList<>();
        out.add(home.resolve(".claude/skills"));
        out.add(home.resolve(".agents/skills"));
        if (project != null) {
            out.add(project.resolve(".claude/skills"));
            out.add(project.resolve(".agents/skills"));
        }
        return out.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    public static List<Path> existing(Path home, Path project) {
        return candidates(home, project).stream().filter(Files::isDirectory).toList();
    }
}
