package dev.skilldesk.search;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.Database;
import dev.skilldesk.store.SkillStore;

import java.nio.file.Path;

/**
 * The search side of the composition root: embedder, vector index, background indexer and the search
 * service, built from {@link SearchSettings}. Loading the ONNX model takes about a second, so the core
 * builds this only when something searches or indexes.
 */
public final class SearchStack implements AutoCloseable {
    private final SearchSettings settings;
    private final Embedder embedder;
    private final Indexer indexer;
    private final SearchService service;
    private final EmbeddingCache cache;

    /** Libraries up to this size get their keyword ranking index before the stack is returned. */
    private static final int BUILD_INLINE_UP_TO = 2_000;
    private final KeywordIndex keyword;
    private final Thread keywordBuild;

    public SearchStack(Database db, SkillStore store, Path dataDir, SearchSettings settings) {
        this(db, store, dataDir, settings, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * @param embedThreads how many texts the in-process model embeds at once: by default one fewer than the cores,
     *                     which leaves a core for the window and for searches while a big import is embedded (on 2
     *                     cores: one); a bulk job nobody works beside (the CLI's reindex and import) takes them all
     */
    public SearchStack(Database db, SkillStore store, Path dataDir, SearchSettings settings, int embedThreads) {
        this.settings = settings;
        CircuitBreaker embedBreaker = null;
        if (settings.usesOllama()) {
            embedBreaker = CircuitBreaker.standard("ollama");
            this.embedder = new OllamaEmbedder(settings.ollamaUrl(), settings.ollamaModel(), settings.remoteTimeout(),
                    embedBreaker);
        } else {
            this.embedder = new OnnxEmbedder(OnnxEmbedder.Model.parse(settings.embedder()),
                    java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, embedThreads), r -> {
                        Thread t = new Thread(() -> {
                            dev.skilldesk.BackgroundPriority.lowerCurrentThread(); // the window and searches come first
                            r.run();
                        }, "skilldesk-embedder");
                        t.setDaemon(true);
                        return t;
                    }));
        }
        int dim = dimensionOf(embedder);
        VectorIndex index = settings.usesChroma()
                ? new ChromaVectorIndex(settings.chromaUrl(), settings.chromaCollection(), embedder.modelId(), dim,
                CircuitBreaker.standard("chroma"), settings.remoteTimeout())
                : new GraphVectorIndex(new ExactVectorIndex(embedder.modelId(), dim), GraphVectorIndex.Params.defaults());
        this.cache = new EmbeddingCache(db, 2_048);
        this.indexer = new Indexer(db, dataDir.resolve("index"), embedder, settings.embeddingText(), cache, index,
                embedBreaker);
        this.keyword = new KeywordIndex(db, true);
        this.service = new SearchService(store, keyword, indexer);
        indexer.start();
        // the in-memory keyword ranking: a small library is read now (a few ms per 100 skills), a big one in
        // the background (about two seconds per 10,000 skills) while FTS5 answers
        int skills = store.countAll();
        if (skills <= BUILD_INLINE_UP_TO) {
            keyword.build();
        }
        this.keywordBuild = dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-keyword-build", () -> {
            try {
                // FTS5 rows the feed says are behind (a CLI import before the window opened): written now, in
                // the background, rather than by the first FTS5 query or in the middle of the author's saves
                keyword.catchUpRows();
                keyword.build();
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(SearchStack.class.getName()).log(java.util.logging.Level.WARNING,
                        "keyword index build failed; keyword search stays on SQLite FTS5", e);
            }
        });
        keywordBuild.start();
    }

    private static int dimensionOf(Embedder e) {
        try {
            return e.dimension();
        } catch (RuntimeException ex) {
            return 1024; // Ollama unreachable at start: the e5 default; corrected on the first answer
        }
    }

    public SearchResponse search(Principal who, SearchRequest request) {
        return service.search(who, request);
    }

    /**
     * Runs a few throw-away searches in every mode once the vector index is ready, so that the author's
     * first query does not pay for class loading and cold code (many times a warm query's cost).
     * For a background thread; gives up after 30 s if the index is not ready, or when the stack closes.
     */
    public void warmUp(Principal who) {
        try {
            indexer.awaitSettled(Indexer.Settled.READY, java.time.Duration.ofSeconds(30), s -> { });
            // the modes that embed the query only once the model is in memory anyway: a library with every vector
            // stored does not load the model (about 90 MB) until something asks for meaning
            SearchMode[] modes = embedder.loaded() ? SearchMode.values() : new SearchMode[] {SearchMode.KEYWORD};
            for (int i = 0; i < 5; i++) {
                for (SearchMode mode : modes) {
                    service.search(who, new SearchRequest(WARM_UP_QUERIES[i], mode, null, null, 10));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException closedMeanwhile) {
            // the window closed the library: nothing to warm
        }
    }

    private static final String[] WARM_UP_QUERIES = {"warm up", "review code", "write a report", "clean data",
            "make slides"};

    public SearchService service() {
        return service;
    }

    public Indexer indexer() {
        return indexer;
    }

    public Embedder embedder() {
        return embedder;
    }

    public SearchSettings settings() {
        return settings;
    }

    public EmbeddingCache cache() {
        return cache;
    }

    public KeywordIndex keywordIndex() {
        return keyword;
    }

    /** Waits until keyword searches are ranked in memory (for benchmarks and tests); false on timeout. */
    public boolean awaitKeywordIndex(long timeoutMillis) throws InterruptedException {
        keywordBuild.join(timeoutMillis);
        return keyword.rankedInMemory();
    }

    @Override
    public void close() {
        indexer.close();
        keyword.close(); // stops a build still reading
        try {
            keywordBuild.join(10_000); // a build reading SQLite must not outlive the database
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
