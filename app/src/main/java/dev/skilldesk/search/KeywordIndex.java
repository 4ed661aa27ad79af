package dev.skilldesk.search;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.KeywordRows;
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
 * BM25 keyword search with Porter stemming. SQLite FTS5 inside the library file is the fallback ranking:
 * its rows are written from the change feed ({@link KeywordRows}), and every FTS5 query catches them up
 * first, so it is never stale; the access rule is part of the same SQL statement. Ranking is done by an in-memory Lucene index built from it
 * ({@link LuceneKeywordIndex}) once that is ready, because FTS5 scores every document containing any
 * query word; FTS5 answers before that and whenever Lucene is catching up on a bulk change. The user's
 * text is reduced to words either way, so query syntax in it is inert.
 */
public final class KeywordIndex implements AutoCloseable {
    /** Marks around matched words in snippets. */
    public static final String MARK_START = "«";
    public static final String MARK_END = "»";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can", "do",
            "for", "from", "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "please", "the", "this",
            "to", "want", "what", "with", "you", "your", "need", "help", "some", "that", "these", "those", "we",
            "our", "should", "would", "could", "into", "about", "use", "using", "when", "if", "so", "not", "no",
            "all", "any", "its", "has", "have", "was", "were", "will", "been", "being", "there", "their", "them",
            "they", "then", "than", "which", "who", "also", "just", "very", "too", "via", "per", "etc", "am",
            "does", "did", "here", "where", "why", "up", "out", "such", "each", "other", "like");

    /** One keyword match. */
    public record Hit(long skillId, double score, String snippet) {
    }

    private final KeywordRows rows;
    private final dev.skilldesk.store.KeywordSource source;
    private final LuceneKeywordIndex lucene;

    /** FTS5 only. */
    public KeywordIndex(Database db) {
        this(db, false);
    }

    /** @param ranked also keep the in-memory ranking index; call {@link #build()} to fill it */
    public KeywordIndex(Database db, boolean ranked) {
        this.rows = new KeywordRows(db);
        this.source = new dev.skilldesk.store.KeywordSource(db);
        this.lucene = ranked ? new LuceneKeywordIndex(db) : null;
    }

    /** Fills the ranking index from SQLite (seconds at 100,000 skills); searches use FTS5 until it is done. */
    public void build() {
        if (lucene != null && !lucene.ready()) {
            lucene.build();
        }
    }

    /** True when searches are ranked by the in-memory index (else by FTS5). */
    public boolean rankedInMemory() {
        return lucene != null && lucene.ready();
    }

    /** Brings the in-memory ranking up to date in the background after a save (see LuceneKeywordIndex). */
    public void refreshSoon() {
        if (lucene != null) {
            lucene.refreshSoon();
        }
        synchronized (rowsCatchUp) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            if (rowsPending == null) {
                rowsFirstChange = now;
            } else {
                rowsPending.cancel(false);
            }
            // a quiet moment after the last save, so that the write does not queue a save behind it; at the
            // latest a few seconds after the first, so that a stream of saves is written in bounded steps
            long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(now - rowsFirstChange);
            long delay = Math.max(0, Math.min(ROWS_AFTER_MS, ROWS_AT_MOST_MS - waited));
            rowsPending = rowsCatchUp.schedule(() -> {
                synchronized (rowsCatchUp) {
                    rowsPending = null;
                }
                try {
                    rows.catchUp();
                } catch (RuntimeException e) {
                    java.util.logging.Logger.getLogger(KeywordIndex.class.getName())
                            .fine("FTS5 rows catch-up failed; the next FTS5 query catches up: " + e.getMessage());
                }
            }, delay, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Saves in a burst are written to FTS5 together, this long after the last one ... */
    private static final long ROWS_AFTER_MS = 300;
    /** ... or this long after the first, whichever comes first. */
    private static final long ROWS_AT_MOST_MS = 5_000;
    private long rowsFirstChange; // guarded by rowsCatchUp
    private final java.util.concurrent.ScheduledExecutorService rowsCatchUp =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-fts-rows", r));
    private java.util.concurrent.ScheduledFuture<?> rowsPending; // guarded by rowsCatchUp
    private boolean closed; // guarded by rowsCatchUp

    /** Writes the FTS5 rows the change feed says are behind (see {@link KeywordRows}); returns how many. */
    public int catchUpRows() {
        return rows.catchUp();
    }

    /** True when the in-memory ranking holds every saved change (for tests). */
    boolean rankingCurrent() {
        return lucene != null && lucene.current();
    }

    /** Bytes the in-memory ranking index holds (0 without one). */
    public long memoryBytes() {
        return lucene == null ? 0 : lucene.ramBytes();
    }

    @Override
    public void close() {
        synchronized (rowsCatchUp) {
            closed = true;
            rowsCatchUp.shutdownNow();
        }
        if (lucene != null) {
            lucene.close();
        }
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

    /** Snippets (the query's words marked) for the given skills, by id. */
    public java.util.Map<Long, String> snippets(String query, java.util.Collection<Long> ids) {
        return snippets(query, ids, id -> null);
    }

    /**
     * Snippets for the given skills, by id; {@code descriptions} gives what the caller already read (null
     * when unknown), so that a skill whose description matches costs no read of its SKILL.md.
     */
    public java.util.Map<Long, String> snippets(String query, java.util.Collection<Long> ids,
                                                java.util.function.LongFunction<String> descriptions) {
        String match = matchExpression(query);
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        if (match == null || ids.isEmpty()) {
            return out;
        }
        if (rankedInMemory()) {
            Set<String> stems = lucene.stems(terms(query));
            List<Long> unread = new ArrayList<>();
            for (long id : ids) {
                String description = descriptions.apply(id);
                List<int[]> found = description == null ? List.of() : lucene.matches(description, stems, 64);
                if (found.isEmpty()) {
                    unread.add(id);
                } else {
                    out.put(id, mark(description, 0, Math.min(description.length(), 2 * SNIPPET_CHARS), found));
                }
            }
            if (!unread.isEmpty()) {
                out.putAll(snippetsFromText(stems, unread));
            }
            return out;
        }
        return rows.snippets(match, ids, MARK_START, MARK_END);
    }

    public List<Hit> search(Principal who, String query, String namespace, String persona, int limit) {
        String match = matchExpression(query);
        if (match == null) {
            return List.of();
        }
        if (lucene != null) {
            List<Hit> ranked = lucene.search(who, terms(query), namespace, persona, limit);
            if (ranked != null) {
                return ranked;
            }
        }
        // no snippet() here: it re-reads each candidate's text; snippets are made for the final hits only
        return rows.search(who, match, namespace, persona, limit).stream()
                .map(m -> new Hit(m.skillId(), m.score(), null)).toList();
    }

    /**
     * Snippets made in Java from the skill's text: the description with its matches marked when the
     * description matches, else a window of the SKILL.md around its first match (FTS5's snippet() costs
     * a re-run of the MATCH over every document).
     */
    private java.util.Map<Long, String> snippetsFromText(Set<String> stems, java.util.Collection<Long> ids) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        source.texts(ids).forEach((id, t) -> out.put(id, snippet(t[0], t[1], stems)));
        return out;
    }

    private static final int SNIPPET_CHARS = 200;

    private String snippet(String description, String content, Set<String> stems) {
        List<int[]> inDescription = lucene.matches(description, stems, 64);
        if (!inDescription.isEmpty() || content == null) {
            return mark(description == null ? "" : description, 0, Math.min(description == null ? 0
                    : description.length(), 2 * SNIPPET_CHARS), inDescription);
        }
        content = bodyOf(content); // a snippet is prose: never "allowed-tools: … license: MIT"
        List<int[]> first = lucene.matches(content, stems, 1);
        if (first.isEmpty()) {
            return mark(description == null ? "" : description, 0, Math.min(description == null ? 0
                    : description.length(), 2 * SNIPPET_CHARS), List.of());
        }
        int start = Math.max(0, first.get(0)[0] - SNIPPET_CHARS / 3);
        while (start > 0 && !Character.isWhitespace(content.charAt(start - 1))) {
            start--; // do not cut a word
        }
        int end = Math.min(content.length(), start + SNIPPET_CHARS);
        while (end < content.length() && !Character.isWhitespace(content.charAt(end))) {
            end++;
        }
        String window = content.substring(start, end);
        String marked = mark(window, 0, window.length(), lucene.matches(window, stems, 64)).replaceAll("\\s+", " ").strip();
        return (start > 0 ? "…" : "") + marked + (end < content.length() ? "…" : "");
    }

    /** The SKILL.md without its frontmatter (the text after the closing fence), or as it is when it has none. */
    static String bodyOf(String content) {
        if (content == null || !content.startsWith("---")) {
            return content;
        }
        int close = content.indexOf("\n---", 3);
        if (close < 0) {
            return content;
        }
        int after = content.indexOf('\n', close + 4);
        return after < 0 ? "" : content.substring(after + 1);
    }

    private static String mark(String text, int from, int to, List<int[]> matches) {
        StringBuilder sb = new StringBuilder(to - from + 16);
        int last = from;
        for (int[] m : matches) {
            if (m[0] < last || m[1] > to) {
                continue;
            }
            sb.append(text, last, m[0]).append(MARK_START).append(text, m[0], m[1]).append(MARK_END);
            last = m[1];
        }
        sb.append(text, last, to);
        if (to < text.length()) {
            sb.append('…');
        }
        return sb.toString();
    }
}
