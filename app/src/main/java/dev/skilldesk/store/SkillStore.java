package dev.skilldesk.store;

import dev.skilldesk.skill.StoreException;
import dev.skilldesk.skill.SkillQuery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.ActiveSkill;
import dev.skilldesk.skill.Checked;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.TokenCounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes skills, versions, files and shares. Reads are hand-written SQL so that each is one
 * indexed statement (the tests check the plans); writes go through ORMLite DAOs inside
 * {@link Database#inTransaction}.
 */
public final class SkillStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    static final String SKILL_COLUMNS = "s.id, s.namespace, s.name, s.display_name, s.description, s.persona, "
            + "s.tags, s.access_level, s.created_by, s.created_at, s.updated_at, s.active_version, "
            + "s.version_count, s.is_deleted, s.errors";
    static final String VERSION_COLUMNS = "v.id, v.skill_id, v.version, v.content, v.metadata_json, "
            + "v.core_instructions, v.content_hash, v.tokens_layer1, v.tokens_layer2, v.tokens_layer3, "
            + "v.created_by, v.created_at, v.note, v.errors, v.warnings, v.rules_revision";

    /** How many columns {@link #SKILL_COLUMNS} selects (where the version's columns start after them). */
    static final int SKILL_COLUMN_COUNT = SKILL_COLUMNS.split(",").length;
    /** Exact lookup by (namespace, name). */
    public static final String EXACT_NAME_SQL =
            "SELECT " + SKILL_COLUMNS + " FROM skills s WHERE s.namespace = ? AND s.name = ?";
    /** The active version with its skill: one JOIN. */
    public static final String ACTIVE_VERSION_SQL = "SELECT " + SKILL_COLUMNS + ", " + VERSION_COLUMNS
            + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
            + " WHERE s.namespace = ? AND s.name = ? AND s.is_deleted = 0";
    /** The newest skills of a persona. */
    public static final String PERSONA_LIST_SQL = "SELECT " + SKILL_COLUMNS
            + " FROM skills s WHERE s.persona = ? AND s.is_deleted = 0 ORDER BY s.created_at DESC LIMIT ?";

    private final Database db;

    public SkillStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    // ---- reads ---------------------------------------------------------------------------------

    public Optional<Skill> find(String namespace, String name) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(EXACT_NAME_SQL)) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(skill(rs, 1)) : Optional.<Skill>empty();
                }
            }
        });
    }

    public Optional<Skill> find(long id) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + SKILL_COLUMNS + " FROM skills s WHERE s.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(skill(rs, 1)) : Optional.<Skill>empty();
                }
            }
        });
    }

    public Optional<ActiveSkill> active(String namespace, String name) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(ACTIVE_VERSION_SQL)) {
                ps.setString(1, namespace);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ActiveSkill>empty();
                    }
                    return Optional.of(new ActiveSkill(skill(rs, 1), version(rs, 1 + SKILL_COLUMN_COUNT)));
                }
            }
        });
    }

    public List<Skill> byPersona(String persona, int limit) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(PERSONA_LIST_SQL)) {
                ps.setString(1, persona);
                ps.setInt(2, limit);
                return skills(ps);
            }
        });
    }

    public Optional<SkillVersion> version(long skillId, int version) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                    + " FROM skill_versions v WHERE v.skill_id = ? AND v.version = ?")) {
                ps.setLong(1, skillId);
                ps.setInt(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(version(rs, 1)) : Optional.<SkillVersion>empty();
                }
            }
        });
    }

    /** Every version of a skill, oldest first. */
    public List<SkillVersion> versions(long skillId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                    + " FROM skill_versions v WHERE v.skill_id = ? ORDER BY v.version")) {
                ps.setLong(1, skillId);
                List<SkillVersion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(version(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    /** The resource files of a version, by path. */
    public List<SkillFile> files(long versionId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT path, content, sha256, is_text FROM skill_files"
                    + " WHERE version_id = ? ORDER BY path")) {
                ps.setLong(1, versionId);
                List<SkillFile> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SkillFile(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getBoolean(4)));
                    }
                }
                return out;
            }
        });
    }

    /** Paths and sizes only, without the bytes. */
    public List<String[]> fileList(long versionId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT path, size FROM skill_files WHERE version_id = ? ORDER BY path")) {
                ps.setLong(1, versionId);
                List<String[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2))});
                    }
                }
                return out;
            }
        });
    }

    /** Skills the principal may see, filtered in SQL; sorted by namespace and name. */
    public List<Skill> list(Principal who, SkillQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(SKILL_COLUMNS).append(" FROM skills s WHERE ");
        List<Object> args = new ArrayList<>();
        appendFilter(who, q, sql, args);
        sql.append(" ORDER BY s.namespace, s.name LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, args);
                return skills(ps);
            }
        });
    }

    public int count(Principal who, SkillQuery q) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM skills s WHERE ");
        List<Object> args = new ArrayList<>();
        appendFilter(who, q, sql, args);
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    private static void appendFilter(Principal who, SkillQuery q, StringBuilder sql, List<Object> args) {
        // the owner may see their own deleted skills (to restore them); nobody else sees any
        AccessSql access = q.includeDeleted() ? AccessSql.orOwnDeleted(who) : AccessSql.of(who);
        sql.append(access.sql());
        args.addAll(access.args());
        if (q.namespace() != null) {
            sql.append(" AND s.namespace = ?");
            args.add(q.namespace());
        }
        if (q.persona() != null) {
            sql.append(" AND s.persona = ?");
            args.add(q.persona());
        }
        if (q.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM json_each(s.tags) t WHERE t.value = ?)");
            args.add(q.tag());
        }
        if (q.passing() != null) {
            sql.append(q.passing() ? " AND s.errors = 0" : " AND (s.errors IS NULL OR s.errors != 0)");
        }
    }

    /** Skills named {@code name} in any namespace, whoever may see them, by namespace (for explanations to the author). */
    public List<Skill> findNamed(String name) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SKILL_COLUMNS + " FROM skills s WHERE s.name = ?"
                    + " ORDER BY s.namespace")) {
                ps.setString(1, name);
                return skills(ps);
            }
        });
    }

    /** Skills named {@code name} in any namespace that {@code who} may see, by namespace. */
    public List<Skill> visibleNamed(Principal who, String name) {
        return db.withJdbc(c -> {
            AccessSql access = AccessSql.of(who);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SKILL_COLUMNS + " FROM skills s WHERE s.name = ?"
                    + " AND " + access.sql() + " ORDER BY s.namespace")) {
                ps.setString(1, name);
                access.bind(ps, 2);
                return skills(ps);
            }
        });
    }

    /** Skills by id, in one statement (for search results). */
    public java.util.Map<Long, Skill> findAll(java.util.Collection<Long> ids) {
        java.util.Map<Long, Skill> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SKILL_COLUMNS + " FROM skills s WHERE s.id IN ("
                    + marks + ")")) {
                int i = 1;
                for (long id : ids) {
                    ps.setLong(i++, id);
                }
                for (Skill sk : skills(ps)) {
                    out.put(sk.id(), sk);
                }
                return out;
            }
        });
    }

    /** Which of {@code ids} are on {@code agentId}'s shared whitelist. */
    public java.util.Set<Long> sharedWith(java.util.Collection<Long> ids, String agentId) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT skill_id FROM skill_shares WHERE agent_id = ?"
                    + " AND skill_id IN (" + marks + ")")) {
                ps.setString(1, agentId);
                int i = 2;
                for (long id : ids) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    public boolean isSharedWith(long skillId, String agentId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM skill_shares WHERE skill_id = ? AND agent_id = ?")) {
                ps.setLong(1, skillId);
                ps.setString(2, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public List<String> sharesOf(long skillId) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT agent_id FROM skill_shares WHERE skill_id = ? ORDER BY agent_id")) {
                ps.setLong(1, skillId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    // ---- writes (call inside Database.inTransaction) -------------------------------------------

    /** Inserts a skill with no versions yet and returns its id. */
    public long insertSkill(String namespace, String name, String displayName, String description,
                            String persona, List<String> tags, AccessLevel access, String createdBy,
                            Instant now) throws SQLException {
        SkillRow row = new SkillRow();
        row.namespace = namespace;
        row.name = name;
        row.displayName = displayName;
        row.description = description;
        row.persona = persona;
        row.tagsJson = toJson(tags);
        row.accessLevel = access.key();
        row.createdBy = createdBy;
        row.createdAt = now.toEpochMilli();
        row.updatedAt = row.createdAt;
        db.skills().create(row);
        return row.id;
    }

    /**
     * Appends version {@code version_count + 1} with its files and makes it active, updating the
     * catalogue fields from it.
     */
    public SkillVersion appendVersion(long skillId, NewVersion v, List<SkillFile> files) throws SQLException {
        SkillRow skill = db.skills().queryForId(skillId);
        if (skill == null) {
            throw new StoreException("no skill with id " + skillId);
        }
        SkillVersionRow row = new SkillVersionRow();
        row.skillId = skillId;
        row.version = skill.versionCount + 1;
        row.content = v.content();
        row.metadataJson = v.metadataJson();
        row.coreInstructions = v.coreInstructions();
        row.contentHash = v.contentHash();
        row.tokensLayer1 = v.tokens().layer1();
        row.tokensLayer2 = v.tokens().layer2();
        row.tokensLayer3 = v.tokens().layer3();
        row.createdBy = v.createdBy();
        row.createdAt = v.createdAt().toEpochMilli();
        row.note = v.note();
        if (v.checked().known()) {
            row.errors = v.checked().errors();
            row.warnings = v.checked().warnings();
            row.rulesRevision = v.checked().revision();
        }
        db.versions().create(row);
        for (SkillFile f : files) {
            SkillFileRow fr = new SkillFileRow();
            fr.versionId = row.id;
            fr.path = f.path();
            fr.content = f.bytes();
            fr.sha256 = f.sha256();
            fr.size = f.size();
            fr.text = f.text();
            db.files().create(fr);
        }
        skill.versionCount = row.version;
        skill.activeVersion = row.version;
        skill.description = v.description();
        skill.displayName = v.displayName();
        skill.tagsJson = toJson(v.tags());
        if (v.persona() != null) {
            skill.persona = v.persona();
        }
        skill.updatedAt = row.createdAt;
        skill.deleted = false;
        skill.errors = row.errors;
        db.skills().update(skill);
        return toVersion(row); // the FTS5 row follows from the change feed (KeywordRows)
    }

    /** A version whose findings are not counted under the current rules: what the check needs of it. */
    public record VersionToCheck(long versionId, long skillId, String name, String content, int files, long fileBytes) {
    }

    /** Up to {@code limit} versions never checked, or checked under rules older than {@code revision}. */
    public List<VersionToCheck> versionsToCheck(int revision, int limit) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT v.id, v.skill_id, s.name, v.content,"
                    + " (SELECT count(*) FROM skill_files f WHERE f.version_id = v.id),"
                    + " (SELECT coalesce(sum(f.size), 0) FROM skill_files f WHERE f.version_id = v.id)"
                    + " FROM skill_versions v JOIN skills s ON s.id = v.skill_id"
                    + " WHERE v.rules_revision IS NULL OR v.rules_revision < ? ORDER BY v.id LIMIT ?")) {
                ps.setInt(1, revision);
                ps.setInt(2, limit);
                List<VersionToCheck> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new VersionToCheck(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), rs.getLong(6)));
                    }
                }
                return out;
            }
        });
    }

    /** Records what the check found in a version, and on its skill when it is the active one. */
    public void setChecked(long versionId, Checked checked) throws SQLException {
        db.withJdbc(c -> {
            try (PreparedStatement v = c.prepareStatement(
                    "UPDATE skill_versions SET errors = ?, warnings = ?, rules_revision = ? WHERE id = ?");
                 PreparedStatement s = c.prepareStatement("UPDATE skills SET errors = ? WHERE id ="
                         + " (SELECT skill_id FROM skill_versions WHERE id = ?) AND active_version ="
                         + " (SELECT version FROM skill_versions WHERE id = ?) AND errors IS NOT ?")) {
                v.setInt(1, checked.errors());
                v.setInt(2, checked.warnings());
                v.setInt(3, checked.revision());
                v.setLong(4, versionId);
                v.executeUpdate();
                s.setInt(1, checked.errors());
                s.setLong(2, versionId);
                s.setLong(3, versionId);
                s.setInt(4, checked.errors());
                s.executeUpdate();
                return null;
            }
        });
    }

    /** Makes an existing version active and copies its catalogue fields onto the skill. */
    public void setActiveVersion(long skillId, int version, String description, String displayName,
                                 List<String> tags, Instant now) throws SQLException {
        SkillRow skill = db.skills().queryForId(skillId);
        SkillVersionRow target = db.versions().queryBuilder().where().eq("skill_id", skillId).and().eq("version", version)
                .queryForFirst();
        skill.errors = target == null ? null : target.errors;
        skill.activeVersion = version;
        skill.description = description;
        skill.displayName = displayName;
        skill.tagsJson = toJson(tags);
        skill.updatedAt = now.toEpochMilli();
        db.skills().update(skill);
    }

    public void setDeleted(long skillId, boolean deleted, Instant now) throws SQLException {
        SkillRow skill = db.skills().queryForId(skillId);
        skill.deleted = deleted;
        skill.updatedAt = now.toEpochMilli();
        db.skills().update(skill);
    }

    public void setAccess(long skillId, AccessLevel access, Instant now) throws SQLException {
        SkillRow skill = db.skills().queryForId(skillId);
        skill.accessLevel = access.key();
        skill.updatedAt = now.toEpochMilli();
        db.skills().update(skill);
    }

    /** Shares a skill with an agent; the share's row is the change the feed reports. */
    public void share(long skillId, String agentId) throws SQLException {
        if (!isSharedWith(skillId, agentId)) {
            db.shares().create(new ShareRow(skillId, agentId));
        }
    }

    public void unshare(long skillId, String agentId) throws SQLException {
        var delete = db.shares().deleteBuilder();
        delete.where().eq("skill_id", skillId).and().eq("agent_id", agentId);
        delete.delete();
    }

    /** Every skill's id and active version, by id (deleted ones included). */
    public List<long[]> activeVersions() {
        return db.withJdbc(c -> {
            List<long[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, active_version FROM skills ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return out;
        });
    }

    /** The namespace and name of every live skill, whoever may see it (for maintenance and benchmarks). */
    public List<String[]> liveRefs() {
        return db.withJdbc(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT namespace, name FROM skills WHERE is_deleted = 0");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
    }

    /** How many skills the library has, deleted ones included. */
    public int countAll() {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM skills"); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /**
     * Per skill, what the library table shows beside its catalogue entry: the active version's content hash
     * and layer-1 tokens, its index state for {@code modelId} and its last activation, in two statements.
     */
    /** Per skill, what the Library's table shows beside the catalogue entry ({@code warnings} -1: not checked). */
    public record OverviewFacts(String contentHash, int layer1Tokens, String indexState, Long lastActivation,
                                int warnings) {
    }

    public java.util.Map<Long, OverviewFacts> overviewFacts(String modelId) {
        return db.withJdbc(c -> {
            java.util.Map<Long, Long> last = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT skill_id, max(activated_at) FROM skill_activations GROUP BY skill_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.put(rs.getLong(1), rs.getLong(2));
                }
            }
            java.util.Map<Long, OverviewFacts> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, v.content_hash, v.tokens_layer1,"
                    + " st.state, st.version = s.active_version, v.warnings"
                    + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                    + " LEFT JOIN index_state st ON st.skill_id = s.id AND st.model_id = ?")) {
                ps.setString(1, modelId == null ? "" : modelId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String st = rs.getString(4);
                        String state = st == null ? "pending" : st.equals("failed") ? "failed"
                                : rs.getBoolean(5) ? "indexed" : "stale";
                        out.put(rs.getLong(1), new OverviewFacts(rs.getString(2), rs.getInt(3), state, last.get(rs.getLong(1)),
                                intOr(rs, 6, -1)));
                    }
                }
            }
            return out;
        });
    }

    // ---- settings ------------------------------------------------------------------------------

    public Optional<String> setting(String key) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM library_settings WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public void putSetting(String key, String value) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO library_settings(key, value) VALUES (?, ?) "
                            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- mapping -------------------------------------------------------------------------------

    private static List<Skill> skills(PreparedStatement ps) throws SQLException {
        List<Skill> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(skill(rs, 1));
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
    }

    static Skill skill(ResultSet rs, int at) throws SQLException {
        return new Skill(rs.getLong(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3),
                rs.getString(at + 4), rs.getString(at + 5), fromJson(rs.getString(at + 6)),
                AccessLevel.parse(rs.getString(at + 7)), rs.getString(at + 8),
                Instant.ofEpochMilli(rs.getLong(at + 9)), Instant.ofEpochMilli(rs.getLong(at + 10)),
                rs.getInt(at + 11), rs.getInt(at + 12), rs.getInt(at + 13) != 0, intOr(rs, at + 14, -1));
    }

    static SkillVersion version(ResultSet rs, int at) throws SQLException {
        return new SkillVersion(rs.getLong(at), rs.getLong(at + 1), rs.getInt(at + 2), rs.getString(at + 3),
                rs.getString(at + 4), rs.getString(at + 5), rs.getString(at + 6),
                new TokenCounts(rs.getInt(at + 7), rs.getInt(at + 8), rs.getInt(at + 9)),
                rs.getString(at + 10), Instant.ofEpochMilli(rs.getLong(at + 11)), rs.getString(at + 12),
                checked(intOr(rs, at + 13, -1), intOr(rs, at + 14, -1), intOr(rs, at + 15, 0)));
    }

    private static int intOr(ResultSet rs, int column, int ifNull) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? ifNull : v;
    }

    private static Checked checked(Integer errors, Integer warnings, Integer revision) {
        return errors == null || errors < 0 || warnings == null || revision == null ? Checked.UNKNOWN
                : new Checked(errors, warnings, revision);
    }

    private static SkillVersion toVersion(SkillVersionRow r) {
        return new SkillVersion(r.id, r.skillId, r.version, r.content, r.metadataJson, r.coreInstructions,
                r.contentHash, new TokenCounts(r.tokensLayer1, r.tokensLayer2, r.tokensLayer3), r.createdBy,
                Instant.ofEpochMilli(r.createdAt), r.note, checked(r.errors, r.warnings, r.rulesRevision));
    }

    static String toJson(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags == null ? List.of() : tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tags column's JSON array as a list (empty when unreadable). */
    public static List<String> tagsFromJson(String json) {
        return fromJson(json);
    }

    static List<String> fromJson(String json) {
        try {
            return json == null || json.isEmpty() ? List.of() : JSON.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
