package dev.skilldesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code profiles} and {@code profile_skills} tables: named sets of skills. */
public final class ProfileStore {
    /** A profile and the ids of its skills. */
    public record Profile(long id, String name, String createdBy, Instant createdAt, List<Long> skillIds) {
    }

    private final Database db;

    public ProfileStore(Database db) {
        this.db = db;
    }

    public Profile create(String name, String by, Instant at) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO profiles (name, created_by, created_at) VALUES"
                    + " (?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, by);
                ps.setLong(3, at.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return byName(name).orElseThrow();
    }

    public void delete(long id) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM profiles WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void add(long profileId, long skillId) {
        update("INSERT INTO profile_skills (profile_id, skill_id) VALUES (?, ?) ON CONFLICT DO NOTHING", profileId, skillId);
    }

    public void remove(long profileId, long skillId) {
        update("DELETE FROM profile_skills WHERE profile_id = ? AND skill_id = ?", profileId, skillId);
    }

    private void update(String sql, long a, long b) {
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, a);
                ps.setLong(2, b);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Profile> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<Profile> all() {
        return db.withJdbc(c -> {
            Map<Long, Profile> byId = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_by, created_at FROM profiles ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byId.put(rs.getLong(1), new Profile(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), new ArrayList<>()));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT profile_id, skill_id FROM profile_skills ORDER BY skill_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Profile p = byId.get(rs.getLong(1));
                    if (p != null) {
                        p.skillIds().add(rs.getLong(2));
                    }
                }
            }
            return new ArrayList<>(byId.values());
        });
    }
}
