package dev.skilldesk.library;

import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.store.SkillStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One row per skill for the library table: the catalogue entry plus its validation state, index state
 * and last activation, read in three statements whatever the library's size (two of them in store).
 */
public final class LibraryOverview {
    /** What the library table shows for one skill. */
    public record Row(Skill skill, int errors, int warnings, String indexState, Instant lastActivation,
                      int layer1Tokens) {
        public String validationLabel() {
            if (errors > 0) {
                return errors + " error" + (errors > 1 ? "s" : "");
            }
            if (warnings > 0) {
                return warnings + " warning" + (warnings > 1 ? "s" : "");
            }
            return "valid";
        }
    }

    private final SkillLibrary library;
    /** Validation is pure: cache it by content hash so reloading 10,000 rows does not re-validate them. */
    private final Map<String, int[]> validationByHash = new ConcurrentHashMap<>();

    public LibraryOverview(SkillLibrary library) {
        this.library = library;
    }

    public List<Row> rows(Principal who, boolean includeDeleted, String modelId) {
        List<Skill> skills = library.list(who, SkillQuery.all().withDeleted(includeDeleted));
        Map<Long, SkillStore.OverviewFacts> facts = library.overviewFacts(modelId);
        List<Row> out = new ArrayList<>(skills.size());
        for (Skill s : skills) {
            SkillStore.OverviewFacts f = facts.get(s.id());
            int[] v = f == null ? new int[2] : validationByHash.computeIfAbsent(f.contentHash() + s.name(), k -> validate(who, s));
            Long last = f == null ? null : f.lastActivation();
            out.add(new Row(s, v[0], v[1], modelId == null ? "-" : f == null ? "pending" : f.indexState(),
                    last == null ? null : Instant.ofEpochMilli(last), f == null ? 0 : f.layer1Tokens()));
        }
        return out;
    }

    private int[] validate(Principal who, Skill s) {
        return library.version(who, s.namespace(), s.name(), 0).map(v -> {
            ValidationResult r = library.validator().validate(v.content(), s.name(), ValidationProfile.STRICT);
            int errors = (int) r.issues().stream().filter(i -> i.severity() == Severity.ERROR).count();
            int warnings = (int) r.issues().stream().filter(i -> i.severity() == Severity.WARNING).count();
            return new int[] {errors, warnings};
        }).orElse(new int[2]);
    }
}
