package dev.skilldesk.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which skills an agent lists where SkillDesk installed them: globally, the skills in its global folder; in a
 * project, those and the project's own (an agent reads both). The listing budget is planned over these, so an
 * author sees what each agent would drop or cut at its budget, not only what the whole library would.
 */
public final class AgentListings {
    /** One agent's listing: globally ({@code project} null) or in a project, and the skills it holds. */
    public record Listing(AgentTargets.Agent agent, Path project, Set<String> skills) {
        public String label() {
            return agent.name() + (project == null ? " (global)" : " in " + project);
        }
    }

    private AgentListings() {
    }

    /** The listings that SkillDesk's installs make, agents in the table's order, global before projects. */
    public static List<Listing> of(List<Installs.Status> installs, Map<String, String> env) {
        Map<String, Set<String>> global = new LinkedHashMap<>();
        Map<String, Map<Path, Set<String>>> inProject = new LinkedHashMap<>();
        for (Installs.Status st : installs) {
            Path folder = st.install().folder().getParent();
            AgentTargets.Where w = AgentTargets.where(folder, env);
            for (AgentTargets.Agent a : w.agents()) {
                if (w.project() == null) {
                    global.computeIfAbsent(a.id(), k -> new TreeSet<>()).add(st.ref());
                } else {
                    inProject.computeIfAbsent(a.id(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(w.project(), k -> new TreeSet<>()).add(st.ref());
                }
            }
        }
        List<Listing> out = new ArrayList<>();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            Set<String> g = global.getOrDefault(a.id(), Set.of());
            if (!g.isEmpty()) {
                out.add(new Listing(a, null, Set.copyOf(g)));
            }
            inProject.getOrDefault(a.id(), Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                    .forEach(e -> {
                        Set<String> both = new TreeSet<>(g);
                        both.addAll(e.getValue());
                        out.add(new Listing(a, e.getKey(), Set.copyOf(both)));
                    });
        }
        return out;
    }
}
