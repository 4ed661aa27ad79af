package dev.skilldesk.store;

import dev.skilldesk.skill.SkillOrigin;
import dev.skilldesk.skill.Source;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code sources} and {@code skill_origins} tables. */
public final class SourceStore {
    private static final String SOURCE_COLUMNS = "id, short_name, kind, location, ref, subpath, namespace, added_by,"
            + " added_at, fetched_at, fetch_error, head";
    private static final String ORIGIN_COLUMNS = "skill_id, source_id, path, base_commit, base_hash, base_version, pin,"
            + " pin_commit, updated_at";

    private final Database db;

    public SourceStore(Database db) {
        this.db = db;
    }

    /** Adds a source; the same location, ref and sub-path again is the existing one. */
    public Source add(String shortName, Source.Kind kind, String location, String ref, String subpath, String namespace,
                      String addedBy, Instant at) {
        Optional<Source> same = find(location, ref, subpath);
        if (same.isPresent()) {
            return same.get();
        }
        long id = db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sources (short_name, kind, location, ref, subpath,"
                    + " namespace, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, shortName);
                ps.setString(2, kind.label());
                ps.setString(3, location);
                ps.setString(4, ref);
                ps.setString(5, subpath);
                ps.setString(6, namespace);
                ps.setString(7, addedBy);
                ps.setLong(8, at.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return byId(id).orElseThrow();
    }

    /** Removes a source and the origins of its skills (the skills stay). */
    public void delete(long id) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sources WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Source> find(String location, String ref, String subpath) {
        return querySources("SELECT " + SOURCE_COLUMNS + " FROM sources WHERE location = ? AND coalesce(ref, '') = ?"
                + " AND coalesce(subpath, '') = ?", location, ref == null ? "" : ref, subpath == null ? "" : subpath)
                .stream().findFirst();
    }

    public Optional<Source> byId(long id) {
        return querySources("SELECT " + SOURCE_COLUMNS + " FROM sources WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Source> byShortName(String name) {
        return querySources("SELECT " + SOURCE_COLUMNS + " FROM sources WHERE short_name = ?", name).stream().findFirst();
    }

    public List<Source> all() {
        return querySources("SELECT " + SOURCE_COLUMNS + " FROM sources ORDER BY short_name");
    }

    /** Notes what a fetch found: the head it saw, or the error it met (the head stays as it was). */
    public void fetched(long id, String head, String error, Instant at) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sources SET fetched_at = ?, fetch_error = ?,"
                    + " head = coalesce(?, head) WHERE id = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, error);
                ps.setString(3, head);
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Records (or replaces) where a skill came from. */
    public void putOrigin(SkillOrigin o) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO skill_origins (" + ORIGIN_COLUMNS + ") VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(skill_id) DO UPDATE SET source_id = excluded.source_id,"
                    + " path = excluded.path, base_commit = excluded.base_commit, base_hash = excluded.base_hash,"
                    + " base_version = excluded.base_version, pin = excluded.pin, pin_commit = excluded.pin_commit,"
                    + " updated_at = excluded.updated_at")) {
                ps.setLong(1, o.skillId());
                ps.setLong(2, o.sourceId());
                ps.setString(3, o.path());
                ps.setString(4, o.baseCommit());
                ps.setString(5, o.baseHash());
                ps.setInt(6, o.baseVersion());
                ps.setString(7, o.pin());
                ps.setString(8, o.pinCommit());
                ps.setLong(9, o.updatedAt().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<SkillOrigin> origin(long skillId) {
        return queryOrigins("SELECT " + ORIGIN_COLUMNS + " FROM skill_origins WHERE skill_id = ?", skillId).stream().findFirst();
    }

    public List<SkillOrigin> origins() {
        return queryOrigins("SELECT " + ORIGIN_COLUMNS + " FROM skill_origins ORDER BY skill_id");
    }

    public List<SkillOrigin> originsOf(long sourceId) {
        return queryOrigins("SELECT " + ORIGIN_COLUMNS + " FROM skill_origins WHERE source_id = ? ORDER BY path", sourceId);
    }

    private List<Source> querySources(String sql, Object... args) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Source> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Source(rs.getLong(1), rs.getString(2), Source.Kind.parse(rs.getString(3)),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                Instant.ofEpochMilli(rs.getLong(9)), instant(rs, 10), rs.getString(11), rs.getString(12)));
                    }
                    return out;
                }
            }
        });
    }

    private List<SkillOrigin> queryOrigins(String sql, Object... args) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    List<SkillOrigin> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new SkillOrigin(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                                Instant.ofEpochMilli(rs.getLong(9))));
                    }
                    return out;
                }
            }
        });
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }
}
