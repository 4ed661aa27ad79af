package dev.skilldesk.agents;

import dev.skilldesk.library.AgentTargets;
import dev.skilldesk.skill.Skill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where else a skill's name is taken: by a skill of another namespace in the library, or by a folder in an agent's
 * folders that SkillDesk did not install. A host never shadows one silently, so the Library says so.
 */
public final class SameNames {
    private SameNames() {
    }

    /**
     * The same-named skills of other namespaces (as {@code namespace/name}) and the same-named folders in the agents'
     * global folders and their folders in {@code projects} that are not in {@code installed} (each with who reads it).
     */
    public static List<String> elsewhere(Skill self, Collection<Skill> library, Map<String, String> env,
                                         Collection<Path> installed, Collection<Path> projects) {
        return elsewhere(self, null, library, env, installed, projects);
    }

    /** As above; a folder whose SKILL.md is {@code content} (this skill as the library has it) is no other skill. */
    public static List<String> elsewhere(Skill self, String content, Collection<Skill> library, Map<String, String> env,
                                         Collection<Path> installed, Collection<Path> projects) {
        List<String> out = new ArrayList<>();
        String name = self.name().toLowerCase(Locale.ROOT);
        for (Skill s : library) {
            if (s.id() != self.id() && !s.deleted() && s.name().toLowerCase(Locale.ROOT).equals(name)) {
                out.add(s.namespace() + "/" + s.name() + " (another namespace)");
            }
        }
        Set<Path> folders = new LinkedHashSet<>();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            for (AgentTargets.Root r : a.reads(env, null)) {
                folders.add(r.folder());
            }
            for (Path p : projects) {
                for (AgentTargets.Root r : a.reads(env, p)) {
                    if (r.inProject()) {
                        folders.add(r.folder());
                    }
                }
            }
        }
        Set<Path> ours = new LinkedHashSet<>();
        installed.forEach(p -> ours.add(p.toAbsolutePath().normalize()));
        Map<Path, String> found = new LinkedHashMap<>();
        for (Path f : folders) {
            Path copy = f.resolve(self.name());
            if (!ours.contains(copy) && Files.isRegularFile(copy.resolve("SKILL.md")) && !same(copy, content)) {
                List<String> who = new ArrayList<>();
                // the agents found on this machine first
                List<AgentTargets.Agent> agents = new ArrayList<>(AgentTargets.all());
                agents.sort(java.util.Comparator.comparing(a -> !a.installed(env)));
                for (AgentTargets.Agent a : agents) {
                    if (a.reads(env, null).stream().anyMatch(r -> r.folder().equals(f))
                            || projects.stream().anyMatch(p -> a.reads(env, p).stream().anyMatch(r -> r.folder().equals(f)))) {
                        who.add(a.name());
                    }
                }
                found.put(copy, who.size() > 3 ? String.join(", ", who.subList(0, 3)) + " and " + (who.size() - 3) + " more"
                        : String.join(", ", who));
            }
        }
        found.forEach((p, who) -> out.add(p + " (read by " + who + "; not installed by SkillDesk)"));
        return out;
    }

    private static boolean same(Path copy, String content) {
        if (content == null) {
            return false;
        }
        try {
            return Files.size(copy.resolve("SKILL.md")) < 4L * 1024 * 1024
                    && Files.readString(copy.resolve("SKILL.md")).equals(content);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
