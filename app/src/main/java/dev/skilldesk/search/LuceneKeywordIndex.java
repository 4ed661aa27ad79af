package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.AccessRule;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.ChangeFeed;
import dev.skilldesk.store.KeywordSource;
import dev.skilldesk.store.Database;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The keyword ranking, in memory: Lucene's BM25 with block-max WAND, so that a query word found in most
 * of the library ("files", "data") costs almost nothing, where SQLite FTS5 scores every document that
 * contains it (BENCHMARKS.md has the figures). Same weights (name 8, description 4, tags 3, text 1),
 * Porter stemming and access rule as the FTS5 table, which stays the fallback:
 * this index is rebuilt from SQLite when the library opens and catches up from the library's change feed
 * before each search, so a change made by another process (the MCP server) is seen by the next search.
 */
final class LuceneKeywordIndex implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LuceneKeywordIndex.class.getName());
    /**
     * One text field in which name, description, tags and the SKILL.md appear 8, 4, 3 and 1 times: a word's
     * frequency is weighted by where it is and saturates once over the whole skill, as in FTS5's bm25() with
     * column weights (BM25F). Four fields scored apart let a word in a two-word name outweigh everything else.
     */
    static final String TEXT_FIELD = "text";
    static final int[] REPEATS = {8, 4, 3, 1};
    /** More changed rows than this are caught up in the background (a bulk import); FTS5 answers meanwhile. */
    private static final int INLINE_CATCH_UP = 256;

    private static final FieldType TEXT = new FieldType();

    static {
        TEXT.setTokenized(true);
        TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS); // no positions: no phrase queries, a smaller index
        TEXT.setStored(false);
        TEXT.freeze();
    }

    private final Analyzer analyzer = new StemmingAnalyzer();
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Object catchUpLock = new Object();
    private volatile long watermark; // the change-feed position read up to
    private final ChangeFeed feed;
    private final KeywordSource source;
    private volatile boolean ready;
    private volatile boolean catchingUpInBackground;
    private volatile boolean closed;
    /** Reads changes soon after they are saved, so that the next query finds the index current. */
    private final java.util.concurrent.ScheduledExecutorService refresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-keyword-refresh", r));
    private java.util.concurrent.ScheduledFuture<?> refresh; // guarded by refresher
    /** How long after the last change the refresh runs: an import's stream of changes is read once, at its end. */
    private static final long REFRESH_AFTER_MS = 500;

    LuceneKeywordIndex(Database db) {
        this.feed = new ChangeFeed(db);
        this.source = new KeywordSource(db);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setSimilarity(new BM25Similarity());
            config.setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(dir, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every skill from SQLite into the index; afterwards searches use it. */
    void build() {
        long t0 = System.nanoTime();
        int n = catchUp(-1);
        ready = true;
        LOG.fine(() -> String.format("keyword index: %d skills in %.1f s", n, (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Catches up with SQLite in the background, half a second after the last call (saves in this
     * process call it). Without it the first query after an import read the new skills itself, a wait a person
     * notices after importing a corpus. Queries still catch up on changes made by other processes.
     */
    void refreshSoon() {
        synchronized (refresher) {
            if (closed) {
                return;
            }
            if (refresh != null) {
                refresh.cancel(false);
            }
            refresh = refresher.schedule(() -> {
                try {
                    if (ready()) {
                        fresh();
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "keyword index refresh failed; the next query catches up", e);
                }
            }, REFRESH_AFTER_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    boolean ready() {
        return ready && !closed;
    }

    /**
     * Top hits for the query's terms, or null when this index cannot answer now (not built yet, or a
     * bulk change is still being read), in which case the caller asks FTS5.
     */
    List<KeywordIndex.Hit> search(Principal who, Set<String> terms, String namespace, String persona, int limit) {
        if (!ready() || !fresh()) {
            return null;
        }
        Query query = query(who, terms, namespace, persona);
        if (query == null) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                searcher.setSimilarity(new BM25Similarity());
                TopDocs top = searcher.search(query, limit);
                List<KeywordIndex.Hit> out = new ArrayList<>(top.scoreDocs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc d : top.scoreDocs) {
                    long id = stored.document(d.doc, Set.of("id")).getField("id").numericValue().longValue();
                    out.add(new KeywordIndex.Hit(id, d.score, null));
                }
                return out;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query query(Principal who, Set<String> terms, String namespace, String persona) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        int clauses = 0;
        for (String token : stems(terms)) {
            words.add(new TermQuery(new Term(TEXT_FIELD, token)), BooleanClause.Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return null;
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        q.add(words.build(), BooleanClause.Occur.MUST);
        q.add(accessFilter(who), BooleanClause.Occur.FILTER);
        if (namespace != null) {
            q.add(new TermQuery(new Term("namespace", namespace)), BooleanClause.Occur.FILTER);
        }
        if (persona != null) {
            q.add(new TermQuery(new Term("persona", persona)), BooleanClause.Occur.FILTER);
        }
        return q.build();
    }

    /** {@link AccessRule} as a Lucene filter (deleted skills are not indexed). */
    private static Query accessFilter(Principal who) {
        return AccessRule.render(who, LUCENE_ACCESS);
    }

    private static final AccessRule.Renderer<Query> LUCENE_ACCESS = new AccessRule.Renderer<>() {
        @Override
        public Query owner(String agentId) {
            return new TermQuery(new Term("owner", agentId));
        }

        @Override
        public Query levels(java.util.Set<AccessLevel> levels) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            levels.forEach(l -> b.add(new TermQuery(new Term("access", l.key())), BooleanClause.Occur.SHOULD));
            return b.setMinimumNumberShouldMatch(1).build();
        }

        @Override
        public Query levelInNamespace(AccessLevel level, String namespace) {
            return new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("access", level.key())), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term("namespace", namespace)), BooleanClause.Occur.FILTER).build();
        }

        @Override
        public Query sharedInNamespace(AccessLevel level, String namespace, String agentId) {
            return new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("access", level.key())), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term("namespace", namespace)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term("share", agentId)), BooleanClause.Occur.FILTER).build();
        }

        @Override
        public Query anyOf(List<Query> clauses) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            clauses.forEach(c -> b.add(c, BooleanClause.Occur.SHOULD));
            return b.setMinimumNumberShouldMatch(1).build();
        }
    };

    /** The analyzer's tokens (lower-cased, Porter-stemmed) of the query's words, in order, without repeats. */
    Set<String> stems(Collection<String> words) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words) {
            out.addAll(tokens(w));
        }
        return out;
    }

    List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("body", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The start and end offsets of each word of {@code text} whose stem is one of {@code stems}, stopping
     * after {@code max} matches.
     */
    List<int[]> matches(String text, Set<String> stems, int max) {
        List<int[]> out = new ArrayList<>();
        if (text == null || stems.isEmpty()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("body", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (out.size() < max && ts.incrementToken()) {
                if (stems.contains(term.toString())) {
                    out.add(new int[]{offset.startOffset(), offset.endOffset()});
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * True when the index holds every change SQLite has; small changes are read here and now, a bulk
     * change (an import of hundreds) is read in the background while FTS5 answers.
     */
    private boolean fresh() {
        if (catchingUpInBackground) {
            return false;
        }
        long newest = newest();
        if (newest <= watermark) {
            return true;
        }
        synchronized (catchUpLock) {
            if (newest <= watermark) {
                return true;
            }
            int pending = countChangedSince(watermark);
            if (pending <= INLINE_CATCH_UP) {
                catchUp(watermark);
                return true;
            }
            catchingUpInBackground = true;
        }
        Thread t = dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-keyword-catch-up", () -> {
            try {
                synchronized (catchUpLock) {
                    catchUp(watermark);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "keyword index catch-up failed; FTS5 answers until the next try", e);
            } finally {
                catchingUpInBackground = false;
            }
        });
        t.start();
        return false;
    }

    /** True when the index holds every change SQLite has (reads nothing; for tests). */
    boolean current() {
        return newest() <= watermark;
    }

    private long newest() {
        return feed.latest();
    }

    private int countChangedSince(long after) {
        return source.changedCount(after);
    }

    /**
     * Re-reads the skills the change feed names after {@code after} (all of them when it is negative, or when
     * the feed was pruned past it); deleted and purged ones leave the index. Returns how many were read.
     */
    private int catchUp(long after) {
        synchronized (catchUpLock) {
            if (closed) {
                return 0;
            }
            long upTo = feed.latest();
            boolean all = after < 0 || feed.since(after, 1).behindHorizon();
            java.util.Set<Long> gone = all ? new HashSet<>() : new HashSet<>(source.changed(after, upTo));
            if (!all && gone.isEmpty()) {
                watermark = upTo;
                return 0;
            }
            int n;
            try {
                if (all) {
                    writer.deleteAll();
                }
                n = source.documents(all ? -1 : after, upTo, () -> !closed, doc -> {
                    gone.remove(doc.id());
                    Term key = new Term("idkey", Long.toString(doc.id()));
                    try {
                        if (doc.deleted()) {
                            writer.deleteDocuments(key);
                        } else {
                            writer.updateDocument(key, document(doc));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                for (long id : gone) { // purged from the library, or without an active version
                    writer.deleteDocuments(new Term("idkey", Long.toString(id)));
                }
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            watermark = upTo;
            return n;
        }
    }

    private static Document document(KeywordSource.Doc doc) {
        Document d = new Document();
        d.add(new StringField("idkey", Long.toString(doc.id()), Field.Store.NO));
        d.add(new StoredField("id", doc.id()));
        String[] columns = {doc.name().replace('-', ' '), nz(doc.description()), nz(doc.tags()), nz(doc.content())};
        for (int c = 0; c < columns.length; c++) {
            for (int r = 0; r < REPEATS[c]; r++) {
                d.add(new Field(TEXT_FIELD, columns[c], TEXT)); // values of one field are one text: weight = repeats
            }
        }
        d.add(new StringField("namespace", doc.namespace(), Field.Store.NO));
        if (doc.persona() != null) {
            d.add(new StringField("persona", doc.persona(), Field.Store.NO));
        }
        d.add(new StringField("access", doc.access(), Field.Store.NO));
        d.add(new StringField("owner", doc.owner(), Field.Store.NO));
        for (String agent : new HashSet<>(doc.shares())) {
            d.add(new StringField("share", agent, Field.Store.NO));
        }
        return d;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Bytes the index holds in memory. */
    long ramBytes() {
        try {
            long total = writer.ramBytesUsed();
            for (String f : dir.listAll()) {
                total += dir.fileLength(f);
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closed = true; // a catch-up stops at its next row
        synchronized (refresher) {
            refresher.shutdownNow();
        }
        synchronized (catchUpLock) {
            try {
                searchers.close();
                writer.close();
                dir.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the keyword index", e);
            }
        }
    }

    /** Standard tokenizer, lower case, Porter stemmer: the FTS5 table's "porter unicode61". */
    private static final class StemmingAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new PorterStemFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
