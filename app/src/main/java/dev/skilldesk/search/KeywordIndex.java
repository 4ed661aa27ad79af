package dev.skilldesk.search;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.SkillStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BM25 keyword search with Porter stemming, by SQLite FTS5 inside the library file: it is updated in
 * the same transaction as the skill, so it can never be stale, and the access rule is part of the
 * same SQL statement. The user's text is reduced to quoted words, so FTS syntax in it is inert.
 */
public final class KeywordIndex {
    /** Marks around matched words in snippets. */
    public static final String MARK_START = "«";
    public static final String MARK_END = "»";
    /** Column weights: name, description, tags, body. */
    private static final String BM25 = "bm25(skills_fts, 8.0, 4.0, 3.0, 1.0)";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can", "do",
            "for", "from", "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "please", "the", "this",
            "to", "want", "what", "with", "you", "your", "need", "help", "some", "that", "these", "those", "we",
            "our", "should", "would", "could", "into", "about", "use", "using");

    /** One keyword match. */
    public record Hit(long skillId, double score, String snippet) {
    }

    private final Database db;

    public KeywordIndex(Database db) {
        this.db = db;
    }

    /** The FTS5 MATCH expression for free text: its words, each quoted, OR-ed; null when none. */
    public static String matchExpression(String query) {
        Set<String> words = terms(query);
        if (words.isEmpty()) {
            return null;
        }
        return String.join(" OR ", words.stream().map(w -> "\"" + w + "\"").toList());
    }

    /** The query's searchable words: lower-case letters and digits, without stop words. */
    public static Set<String> terms(String query) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(query == null ? "" : query.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < 32) {
            String w = m.group();
            if (!STOP.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** FTS snippets (the query's words marked) for the given skills, by id. */
    public java.util.Map<Long, String> snippets(String query, java.util.Collection<Long> ids) {
        String match = matchExpression(query);
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        if (match == null || ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT rowid, snippet(skills_fts, -1, '" + MARK_START + "', '"
                    + MARK_END + "', '…', 14) FROM skills_fts WHERE skills_fts MATCH ? AND rowid IN (" + marks + ")")) {
                ps.setString(1, match);
                int i = 2;
                for (long id : ids) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    public List<Hit> search(Principal who, String query, String namespace, String persona, int limit) {
        String match = matchExpression(query);
        if (match == null) {
            return List.of();
        }
        // no snippet() here: it re-reads each candidate's text; snippets are made for the final hits only
        StringBuilder sql = new StringBuilder("SELECT s.id, ").append(BM25).append(" AS rank"
                + " FROM skills_fts JOIN skills s ON s.id = skills_fts.rowid"
                + " WHERE skills_fts MATCH ? AND ").append(SkillStore.ACCESS_FILTER);
        if (namespace != null) {
            sql.append(" AND s.namespace = ?");
        }
        if (persona != null) {
            sql.append(" AND s.persona = ?");
        }
        sql.append(" ORDER BY rank LIMIT ?");
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, match);
                ps.setString(i++, who.agentId());
                ps.setString(i++, who.namespace());
                ps.setString(i++, who.namespace());
                ps.setString(i++, who.agentId());
                if (namespace != null) {
                    ps.setString(i++, namespace);
                }
                if (persona != null) {
                    ps.setString(i++, persona);
                }
                ps.setInt(i, limit);
                List<Hit> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Hit(rs.getLong(1), -rs.getDouble(2), null));
                    }
                }
                return out;
            }
        });
    }
}
