package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.AccessRule;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.store.SkillStore;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Semantic, keyword and hybrid search over the library. Hybrid fuses the two rankings by reciprocal
 * rank (k = 60). Every mode filters by the access rule inside its search and checks it again against
 * SQLite before anything is returned. Each response carries its stage timings.
 */
public final class SearchService {
    /** The RRF constant of Cormack et al.; 60 is the usual choice and was not worse here. */
    static final int RRF_K = 60;

    private final SkillStore store;
    private final KeywordIndex keyword;
    private final SemanticSide semantic;

    /** The semantic half, as the indexer provides it. */
    public interface SemanticSide {
        /** The current embedder, or null when none is configured. */
        Embedder embedder();

        /** The vector index, or null while it is being rebuilt. */
        VectorIndex readyIndex();

        EmbeddingCache cache();

        /** Why semantic search is unavailable right now, or null. */
        String unavailableReason();
    }

    /**
     * Runs the keyword half of hybrid searches beside the semantic half: one thread per core, no queue;
     * when all are busy (many searches at once) the searching thread does the keyword work itself.
     */
    private static final java.util.concurrent.ThreadPoolExecutor KEYWORD_POOL = new java.util.concurrent.ThreadPoolExecutor(
            0, Runtime.getRuntime().availableProcessors(), 30, java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "skilldesk-keyword-search");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

    private static <T> T join(java.util.concurrent.Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The notice of a hybrid answer given by keywords alone while the model loads (a provisional answer). */
    public static final String MODEL_LOADING = "keyword results while the model that ranks by meaning loads;"
            + " they are refined in a moment";

    public SearchService(SkillStore store, KeywordIndex keyword, SemanticSide semantic) {
        this.store = store;
        this.keyword = keyword;
        this.semantic = semantic;
    }

    public SearchResponse search(Principal who, SearchRequest req) {
        long t0 = System.nanoTime();
        int depth = req.mode() == SearchMode.HYBRID ? Math.max(40, req.topK() * 4) : req.topK();
        long embedNs = 0;
        long vectorNs = 0;
        long keywordNs = 0;
        boolean cacheHit = false;
        String notice = null;
        boolean provisional = false;

        // hybrid: the keyword side runs beside the embedding and the vector scan, when a core is free
        long[] keywordTook = {0};
        java.util.concurrent.Future<List<KeywordIndex.Hit>> parallelKeyword = null;
        if (req.mode() == SearchMode.HYBRID) {
            java.util.concurrent.FutureTask<List<KeywordIndex.Hit>> task = new java.util.concurrent.FutureTask<>(() -> {
                long k0 = System.nanoTime();
                try {
                    return keyword.search(who, req.query(), req.namespace(), req.persona(), depth);
                } finally {
                    keywordTook[0] = System.nanoTime() - k0;
                }
            });
            KEYWORD_POOL.execute(task); // no idle thread: runs here and now (caller-runs)
            parallelKeyword = task;
        }

        List<VectorHit> vectorHits = List.of();
        if (req.mode() != SearchMode.KEYWORD && !req.query().isBlank()) {
            Embedder embedder = semantic.embedder();
            VectorIndex index = semantic.readyIndex();
            if (embedder == null || index == null) {
                notice = "semantic search unavailable (" + semantic.unavailableReason() + "); showing keyword results";
            } else if (req.keywordsWhileModelLoads() && req.mode() == SearchMode.HYBRID && !embedder.loaded()
                    && semantic.cache().query(embedder.modelId(), req.query()) == null) {
                embedder.preload();
                notice = MODEL_LOADING;
                provisional = true;
            } else {
                long e0 = System.nanoTime();
                try {
                    float[] q = semantic.cache().query(embedder.modelId(), req.query());
                    cacheHit = q != null;
                    if (q == null) {
                        q = embedder.embedQuery(req.query());
                        semantic.cache().putQuery(embedder.modelId(), req.query(), q);
                    }
                    embedNs = System.nanoTime() - e0;
                    long v0 = System.nanoTime();
                    vectorHits = index.search(q, depth, new VectorFilter(who, req.namespace(), req.persona()));
                    vectorNs = System.nanoTime() - v0;
                } catch (RuntimeException ex) {
                    embedNs = System.nanoTime() - e0;
                    notice = "semantic search failed (" + ex.getMessage() + "); showing keyword results";
                }
            }
        }
        boolean useKeyword = req.mode() != SearchMode.SEMANTIC || notice != null;
        List<KeywordIndex.Hit> keywordHits = List.of();
        if (parallelKeyword != null) {
            keywordHits = join(parallelKeyword);
            keywordNs = keywordTook[0];
        } else if (useKeyword) {
            long k0 = System.nanoTime();
            keywordHits = keyword.search(who, req.query(), req.namespace(), req.persona(),
                    notice != null ? Math.max(depth, req.topK()) : depth);
            keywordNs = System.nanoTime() - k0;
        }

        long f0 = System.nanoTime();
        Map<Long, Fused> fused = new LinkedHashMap<>();
        for (int i = 0; i < vectorHits.size(); i++) {
            VectorHit h = vectorHits.get(i);
            Fused f = fused.computeIfAbsent(h.skillId(), Fused::new);
            f.semanticRank = i + 1;
            f.similarity = h.score();
            f.score += req.mode() == SearchMode.SEMANTIC ? h.score() : 1.0 / (RRF_K + i + 1);
        }
        for (int i = 0; i < keywordHits.size(); i++) {
            KeywordIndex.Hit h = keywordHits.get(i);
            Fused f = fused.computeIfAbsent(h.skillId(), Fused::new);
            f.keywordRank = i + 1;
            f.keywordScore = h.score();
            f.score += req.mode() == SearchMode.KEYWORD ? h.score() : 1.0 / (RRF_K + i + 1);
        }
        List<Fused> ranked = new ArrayList<>(fused.values());
        ranked.sort((a, b) -> Double.compare(b.score, a.score));
        // when skills that need fixes are left out, a few more are fetched to fill the places they leave
        int keep = req.passingOnly() ? req.topK() + Math.max(5, req.topK() / 2) : req.topK();
        if (ranked.size() > keep) {
            ranked = ranked.subList(0, keep);
        }
        long fusionNs = System.nanoTime() - f0;

        long m0 = System.nanoTime();
        List<Long> ids = ranked.stream().map(f -> f.skillId).toList();
        Map<Long, Skill> skills = store.findAll(ids);
        List<Long> keywordFound = ranked.stream().filter(f -> f.keywordRank > 0).map(f -> f.skillId).toList();
        Map<Long, String> snippets = keyword.snippets(req.query(), keywordFound, id -> {
            Skill s = skills.get(id);
            return s == null ? null : s.description();
        });
        long fetchNs = System.nanoTime() - m0;

        long a0 = System.nanoTime();
        List<Long> sharedCandidates = skills.values().stream()
                .filter(s -> s.accessLevel() == AccessLevel.SHARED).map(Skill::id).toList();
        Set<Long> shared = store.sharedWith(sharedCandidates, who.agentId());
        Set<String> terms = KeywordIndex.terms(req.query());
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        for (Fused f : ranked) {
            Skill s = skills.get(f.skillId);
            if (s == null || !AccessRule.isAccessible(s, who.agentId(), who.namespace(), shared.contains(s.id()))
                    || (req.namespace() != null && !req.namespace().equals(s.namespace()))
                    || (req.persona() != null && !req.persona().equals(s.persona()))) {
                continue; // changed since the index saw it: SQLite has the last word
            }
            if (req.passingOnly() && s.needsFixes()) {
                continue;
            }
            if (hits.size() == req.topK()) {
                break;
            }
            Set<SearchMode> foundBy = EnumSet.noneOf(SearchMode.class);
            if (f.semanticRank > 0) {
                foundBy.add(SearchMode.SEMANTIC);
            }
            if (f.keywordRank > 0) {
                foundBy.add(SearchMode.KEYWORD);
            }
            String snippet = snippets.containsKey(f.skillId) ? snippets.get(f.skillId)
                    : Snippets.highlight(s.description(), terms, 240);
            double r = relevance(f.semanticRank > 0 ? f.similarity : null, f.keywordRank > 0 ? f.keywordScore : null);
            // shown down the ranking it never rises: a result below another never reads as more relevant
            r = hits.isEmpty() ? r : Math.min(r, hits.get(hits.size() - 1).relevance());
            hits.add(new SearchHit(s, f.score, foundBy, f.semanticRank, f.keywordRank, f.similarity, snippet, r));
        }
        long accessNs = System.nanoTime() - a0;

        SearchTimings timings = new SearchTimings(embedNs, vectorNs, keywordNs, fusionNs, fetchNs, accessNs,
                System.nanoTime() - t0);
        return new SearchResponse(req.query(), req.mode(), hits, timings, cacheHit, notice, provisional);
    }

    /** The BM25 score at which the keyword side alone reads as 50 % relevant (about a one-word match in a name). */
    static final double KEYWORD_HALF = 3.0;

    /**
     * One relevance in 0..1 from what each side saw: the cosine similarity (clamped at 0), the BM25 score
     * squashed as {@code s / (s + 3)}, and for a skill both found, either side's evidence counting
     * ({@code 1 - (1 - semantic)(1 - keyword)}). Null: that side did not find it.
     */
    public static double relevance(Float similarity, Double bm25) {
        double sem = similarity == null ? 0 : Math.max(0, Math.min(1, similarity));
        double kw = bm25 == null || bm25 <= 0 ? 0 : bm25 / (bm25 + KEYWORD_HALF);
        return 1 - (1 - sem) * (1 - kw);
    }

    private static final class Fused {
        final long skillId;
        double score;
        int semanticRank;
        int keywordRank;
        float similarity;
        double keywordScore;

        Fused(long skillId) {
            this.skillId = skillId;
        }
    }

    /** For tests: an index of the results by skill name. */
    static Map<String, SearchHit> byName(SearchResponse r) {
        Map<String, SearchHit> out = new HashMap<>();
        r.hits().forEach(h -> out.put(h.skill().name(), h));
        return out;
    }
}
