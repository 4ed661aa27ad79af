package dev.skilldesk.library;

import java.util.List;

/** One skill's trigger run: each trigger's result, in the order they were added, at the K they were judged by. */
public record SkillTriggerReport(String namespace, String name, int topK, List<TriggerResult> results) {
    public SkillTriggerReport {
        results = List.copyOf(results);
    }

    public int passed() {
        return (int) results.stream().filter(TriggerResult::passed).count();
    }

    public int failed() {
        return results.size() - passed();
    }
}
