package dev.skilldesk.library;

import dev.skilldesk.skill.Trigger;

import java.util.List;

/**
 * How one trigger fared: the skill's rank for the request (1-based, 0 when it is not among the
 * results fetched), whether the expectation held, the skills ranked above it as {@code namespace/name}
 * (all results fetched when it is not among them), its fused score (0 when not ranked), and the
 * search's notice when a mode could not run (then the rank is keyword-only and may mislead).
 */
public record TriggerResult(Trigger trigger, int rank, boolean passed, List<String> beatenBy, double score,
                            String notice) {
    public TriggerResult {
        beatenBy = List.copyOf(beatenBy);
    }
}
