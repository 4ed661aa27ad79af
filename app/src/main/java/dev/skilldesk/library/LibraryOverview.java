package dev.skilldesk.library;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.store.SkillStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row per skill for the library table: the catalogue entry plus its validation state, index state
 * and last activation, read in three statements whatever the library's size (two of them in store); the
 * findings are the counts stored with each version, never computed here.
 */
public final class LibraryOverview {
    /** What the library table shows for one skill. */
    public record Row(Skill skill, int errors, int warnings, String indexState, Instant lastActivation,
                      int layer1Tokens) {
        public String validationLabel() {
            if (errors > 0) {
                return "needs fixes (" + errors + ")";
            }
            if (warnings > 0) {
                return warnings + " warning" + (warnings > 1 ? "s" : "");
            }
            return "passes";
        }
    }

    private final SkillLibrary library;

    public LibraryOverview(SkillLibrary library) {
        this.library = library;
    }

    /** The rows, with the findings each skill's active version was stored with (the library's one check). */
    public List<Row> rows(Principal who, boolean includeDeleted, String modelId) {
        List<Skill> skills = library.list(who, SkillQuery.all().withDeleted(includeDeleted));
        Map<Long, SkillStore.OverviewFacts> facts = library.overviewFacts(modelId);
        List<Row> out = new ArrayList<>(skills.size());
        for (Skill s : skills) {
            SkillStore.OverviewFacts f = facts.get(s.id());
            Long last = f == null ? null : f.lastActivation();
            out.add(new Row(s, Math.max(0, s.errors()), f == null ? 0 : Math.max(0, f.warnings()),
                    modelId == null ? "-" : f == null ? "pending" : f.indexState(),
                    last == null ? null : Instant.ofEpochMilli(last), f == null ? 0 : f.layer1Tokens()));
        }
        return out;
    }
}
