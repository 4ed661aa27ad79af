package dev.skilldesk.library;

import dev.skilldesk.skill.SkillRef;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.Trigger;
import dev.skilldesk.skill.Trigger.Expectation;
import dev.skilldesk.store.TriggerStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trigger lab: per skill, requests that should find it and requests that should not, run against
 * the whole library as a hybrid search. A FIND passes when the skill ranks within the top K, an AVOID
 * when it does not. Only a skill's owner edits, lists or runs its triggers: a run searches as the
 * owner, so its "beaten by" may name the owner's private skills.
 */
public final class TriggerLab {
    /** The K a run judges by unless told otherwise: about what an agent weighs before choosing. */
    public static final int DEFAULT_TOP_K = 3;
    /** Results fetched at least, so "beaten by" names who is ahead even when K is small. */
    static final int MIN_DEPTH = 10;

    private final SkillLibrary library;
    private final TriggerStore triggers;
    private final Supplier<RequestRanking> search;
    private final Clock clock;

    /** {@code search} is asked for only when triggers run, so editing them never loads a model. */
    public TriggerLab(SkillLibrary library, TriggerStore triggers, Supplier<RequestRanking> search, Clock clock) {
        this.library = library;
        this.triggers = triggers;
        this.search = search;
        this.clock = clock;
    }

    /**
     * Stores a request for the skill, stripped. Adding a request it already has with the same
     * expectation returns the stored trigger; with the opposite one it is refused, since one of the
     * two would fail at every K.
     */
    public Trigger add(Principal owner, String namespace, String name, String request, Expectation expectation) {
        Objects.requireNonNull(expectation, "expectation");
        Skill skill = live(owner, namespace, name);
        String text = request == null ? "" : request.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a trigger needs a request: a blank one finds nothing, so it would"
                    + " test nothing");
        }
        for (Trigger t : triggers.list(skill.id())) {
            if (t.request().equals(text)) {
                if (t.expectation() == expectation) {
                    return t;
                }
                throw new IllegalArgumentException("'" + namespace + "/" + name + "' already has this request as "
                        + t.expectation().key() + " trigger #" + t.id() + "; one of the two would always fail"
                        + " (remove #" + t.id() + " first)");
            }
        }
        return triggers.add(skill.id(), text, expectation, clock.instant());
    }

    /** Removes the skill's trigger {@code triggerId}; empty when the skill has no trigger with that id. */
    public Optional<Trigger> remove(Principal owner, String namespace, String name, long triggerId) {
        Skill skill = library.requireOwner(owner, namespace, name);
        return triggers.remove(skill.id(), triggerId);
    }

    /** The skill's triggers, oldest first (a deleted skill's too: they come back with it). */
    public List<Trigger> list(Principal owner, String namespace, String name) {
        return triggers.list(library.requireOwner(owner, namespace, name).id());
    }

    /** Runs the skill's triggers; a deleted skill is not found (search cannot find it either). */
    public SkillTriggerReport run(Principal owner, String namespace, String name, int topK) {
        checkTopK(topK);
        Skill skill = live(owner, namespace, name);
        return run(skill, triggers.list(skill.id()), topK);
    }

    /** Runs the triggers of every skill {@code owner} owns that has some, deleted skills left out; by name. */
    public List<SkillTriggerReport> runAll(Principal owner, int topK) {
        checkTopK(topK);
        return skillsWithTriggers(owner).stream().map(s -> run(s, triggers.list(s.id()), topK)).toList();
    }

    /** The skills {@code owner} owns that have triggers, deleted ones left out, by name; runs no search. */
    public List<Skill> skillsWithTriggers(Principal owner) {
        return library.byIds(triggers.skillIdsWithTriggers()).values().stream()
                .filter(s -> s.createdBy().equals(owner.agentId()) && !s.deleted())
                .sorted(Comparator.comparing(Skill::namespace).thenComparing(Skill::name))
                .toList();
    }

    private SkillTriggerReport run(Skill skill, List<Trigger> list, int topK) {
        // As the owner in the skill's own namespace: what the skill competes with there, whichever
        // namespace the caller happens to be working in.
        Principal asOwner = new Principal(skill.createdBy(), skill.namespace());
        List<TriggerResult> results = new ArrayList<>(list.size());
        RequestRanking service = list.isEmpty() ? null : search.get();
        for (Trigger t : list) {
            RequestRanking.Ranking r = service.rank(asOwner, t.request(), Math.max(topK, MIN_DEPTH));
            int rank = 0;
            double score = 0;
            List<String> beatenBy = new ArrayList<>();
            for (RequestRanking.Ranked h : r.hits()) {
                if (h.skillId() == skill.id()) {
                    rank = beatenBy.size() + 1;
                    score = h.score();
                    break;
                }
                beatenBy.add(SkillRef.of(h.namespace(), h.name()).toString());
            }
            boolean within = rank > 0 && rank <= topK;
            boolean passed = t.expectation() == Expectation.FIND ? within : !within;
            results.add(new TriggerResult(t, rank, passed, beatenBy, score, r.notice()));
        }
        return new SkillTriggerReport(skill.namespace(), skill.name(), topK, results);
    }

    private Skill live(Principal owner, String namespace, String name) {
        Skill skill = library.requireOwner(owner, namespace, name);
        if (skill.deleted()) {
            throw new SkillNotFoundException("'" + namespace + "/" + name + "' is deleted; restore it to test"
                    + " its triggers");
        }
        return skill;
    }

    private static void checkTopK(int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("top K must be at least 1 (got " + topK + ")");
        }
    }
}
