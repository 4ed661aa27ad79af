package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;

import java.util.List;

/**
 * How the library asks which skills a request finds, best first, without depending on the search that
 * answers (the composition root passes the hybrid search in): the trigger lab's one question.
 */
@FunctionalInterface
public interface RequestRanking {
    /** One ranked skill. */
    record Ranked(long skillId, String namespace, String name, double score) {
    }

    /** The ranking, and a note on it when the answer is partial (the vector index still loading, say). */
    record Ranking(List<Ranked> hits, String notice) {
    }

    /** The top {@code depth} skills for {@code request}, as {@code who} may see them. */
    Ranking rank(Principal who, String request, int depth);
}
