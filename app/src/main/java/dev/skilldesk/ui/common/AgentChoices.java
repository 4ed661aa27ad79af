package dev.skilldesk.ui.common;

import dev.skilldesk.library.AgentTargets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agents as every picker offers them: those found on this machine first, then the others, each by name (a list
 * of eighty is read, not searched). One order for the install, switch and scene dialogs and the Agents place.
 */
public final class AgentChoices {
    /** The agents in that order, and how many of the first are found here. */
    public record Ordered(List<AgentTargets.Agent> agents, int found) {
        public boolean isFound(AgentTargets.Agent a) {
            return agents.indexOf(a) < found;
        }
    }

    private AgentChoices() {
    }

    public static Ordered foundFirst(Map<String, String> env) {
        List<AgentTargets.Agent> found = new ArrayList<>();
        List<AgentTargets.Agent> others = new ArrayList<>();
        for (AgentTargets.Agent a : AgentTargets.all()) {
            (a.installed(env) ? found : others).add(a);
        }
        Comparator<AgentTargets.Agent> byName = Comparator.comparing(a -> a.name().toLowerCase(Locale.ROOT));
        found.sort(byName);
        others.sort(byName);
        List<AgentTargets.Agent> all = new ArrayList<>(found);
        all.addAll(others);
        return new Ordered(List.copyOf(all), found.size());
    }
}
