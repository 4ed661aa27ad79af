package dev.skilldesk.library;

import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Severity;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.ValidationResult;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.SkillQuery;
import dev.skilldesk.store.SkillStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One row per skill for the library table: the catalogue entry plus its validation state, index state
 * and last activation, read in three statements whatever the library's size.
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
        SkillStore store = library.store();
        Database db = store.database();
        List<Skill> skills = store.list(who, SkillQuery.all().withDeleted(includeDeleted));
        Map<Long, String[]> active = new HashMap<>(); // id -> {content, hash, folder name, l1 tokens}
        Map<Long, String> indexState = new HashMap<>();
        Map<Long, Long> lastActivation = new HashMap<>();
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, v.content_hash, v.tokens_layer1,"
                    + " st.state, st.version = s.active_version"
                    + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                    + " LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?")) {
                ps.setString(1, modelId == null ? "" : modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        active.put(rs.getLong(1), new String[] {rs.getString(2), Integer.toString(rs.getInt(3))});
                        String st = rs.getString(4);
                        indexState.put(rs.getLong(1), st == null ? "pending"
                                : st.equals("failed") ? "failed" : rs.getBoolean(5) ? "indexed" : "stale");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT skill_id, max(activated_at) FROM skill_activations GROUP BY skill_id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastActivation.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        List<Row> out = new ArrayList<>(skills.size());
        for (Skill s : skills) {
            String[] a = active.get(s.id());
            int[] v = a == null ? new int[2] : validationByHash.computeIfAbsent(a[0] + s.name(), k -> validate(who, s));
            Long last = lastActivation.get(s.id());
            out.add(new Row(s, v[0], v[1], modelId == null ? "-" : indexState.getOrDefault(s.id(), "pending"),
                    last == null ? null : Instant.ofEpochMilli(last), a == null ? 0 : Integer.parseInt(a[1])));
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
