package dev.skilldesk.store;

import dev.skilldesk.skill.SkillInstall;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code skill_installs} table: one row per folder a skill was installed into. */
public final class InstallStore {
    private static final String COLUMNS = "id, skill_id, version, target_path, content_hash, installed_by, installed_at";

    private final Database db;

    public InstallStore(Database db) {
        this.db = db;
    }

    /** Records (or replaces the record of) what is in {@code folder} now. */
    public SkillInstall put(long skillId, int version, Path folder, String contentHash, String installedBy, Instant at) {
        String target = folder.toAbsolutePath().normalize().toString();
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO skill_installs (skill_id, version, target_path,"
                    + " content_hash, installed_by, installed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(target_path)"
                    + " DO UPDATE SET skill_id = excluded.skill_id, version = excluded.version,"
                    + " content_hash = excluded.content_hash, installed_by = excluded.installed_by,"
                    + " installed_at = excluded.installed_at")) {
                ps.setLong(1, skillId);
                ps.setInt(2, version);
                ps.setString(3, target);
                ps.setString(4, contentHash);
                ps.setString(5, installedBy);
                ps.setLong(6, at.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return byFolder(folder).orElseThrow();
    }

    public Optional<SkillInstall> byFolder(Path folder) {
        List<SkillInstall> found = query("SELECT " + COLUMNS + " FROM skill_installs WHERE target_path = ?",
                folder.toAbsolutePath().normalize().toString());
        return found.stream().findFirst();
    }

    public List<SkillInstall> forSkill(long skillId) {
        return query("SELECT " + COLUMNS + " FROM skill_installs WHERE skill_id = ? ORDER BY target_path", skillId);
    }

    /** Every install, by folder. */
    public List<SkillInstall> all() {
        return query("SELECT " + COLUMNS + " FROM skill_installs ORDER BY target_path");
    }

    /** Forgets the install in {@code folder} (the folder itself is left alone). */
    public boolean remove(Path folder) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM skill_installs WHERE target_path = ?")) {
                ps.setString(1, folder.toAbsolutePath().normalize().toString());
                return ps.executeUpdate() > 0;
            }
        });
    }

    private List<SkillInstall> query(String sql, Object... args) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof Long l) {
                        ps.setLong(i + 1, l);
                    } else {
                        ps.setString(i + 1, (String) args[i]);
                    }
                }
                List<SkillInstall> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static SkillInstall row(ResultSet rs) throws SQLException {
        return new SkillInstall(rs.getLong(1), rs.getLong(2), rs.getInt(3), Path.of(rs.getString(4)), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }
}
