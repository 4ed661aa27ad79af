package dev.skilldesk.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.skilldesk.skill.AccessLevel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * Vectors in a Chroma server (V2 API), for users who share one. The access rule is pushed into Chroma's
 * {@code where} as far as its operators reach (owner, public/system, same-namespace team/shared); the
 * shared whitelist, which Chroma metadata cannot hold as a set, is checked on the few shared hits that
 * come back. Every call goes through a circuit breaker. A local mirror of the entries lets metadata
 * changes be re-sent without re-embedding.
 */
public final class ChromaVectorIndex implements VectorIndex {
    private final String baseUrl;
    private final String collection;
    private final String modelId;
    private final int dim;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final Map<Long, VectorEntry> mirror = new ConcurrentHashMap<>();
    private volatile ChromaEmbeddingStore store;

    public ChromaVectorIndex(String baseUrl, String collectionPrefix, String modelId, int dimension,
                             CircuitBreaker breaker, Duration timeout) {
        this.baseUrl = baseUrl;
        // one collection per model: vectors of different models are never mixed
        this.collection = collectionPrefix + "-" + modelId.replaceAll("[^A-Za-z0-9_-]", "-");
        this.modelId = modelId;
        this.dim = dimension;
        this.breaker = breaker;
        this.timeout = timeout;
    }

    private ChromaEmbeddingStore store() {
        ChromaEmbeddingStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = breaker.call(() -> ChromaEmbeddingStore.builder()
                            .baseUrl(baseUrl)
                            .apiVersion(ChromaApiVersion.V2) // the V1 default gets 410 from Chroma 1.x
                            .tenantName("default_tenant")
                            .databaseName("default_database")
                            .collectionName(collection)
                            .timeout(timeout)
                            .build());
                }
                s = store;
            }
        }
        return s;
    }

    public String collection() {
        return collection;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public void upsert(List<VectorEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(entries.size());
        List<Embedding> embeddings = new ArrayList<>(entries.size());
        List<TextSegment> segments = new ArrayList<>(entries.size());
        for (VectorEntry e : entries) {
            ids.add(Long.toString(e.skillId()));
            embeddings.add(Embedding.from(e.vector()));
            segments.add(TextSegment.from("skill " + e.skillId(), metadata(e)));
        }
        ChromaEmbeddingStore s = store();
        breaker.call(() -> {
            s.removeAll(ids); // Chroma's add ignores ids it already has
            s.addAll(ids, embeddings, segments);
            return null;
        });
        entries.forEach(e -> mirror.put(e.skillId(), e));
    }

    private static Metadata metadata(VectorEntry e) {
        EntryMeta m = e.meta();
        Metadata md = new Metadata();
        md.put("skill_id", e.skillId());
        md.put("version", e.version());
        md.put("namespace", m.namespace());
        md.put("persona", m.persona() == null ? "" : m.persona());
        md.put("access", m.access().key());
        md.put("owner", m.owner());
        md.put("shared", "," + String.join(",", m.sharedWith()) + ",");
        return md;
    }

    @Override
    public void updateMeta(long skillId, EntryMeta meta) {
        VectorEntry old = mirror.get(skillId);
        if (old != null) {
            upsert(List.of(new VectorEntry(skillId, old.version(), old.vector(), meta)));
        }
    }

    @Override
    public void remove(long skillId) {
        ChromaEmbeddingStore s = store();
        breaker.call(() -> {
            s.removeAll(List.of(Long.toString(skillId)));
            return null;
        });
        mirror.remove(skillId);
    }

    @Override
    public void clear() {
        ChromaEmbeddingStore s = store();
        breaker.call(() -> {
            s.removeAll();
            return null;
        });
        mirror.clear();
    }

    @Override
    public List<VectorHit> search(float[] query, int k, VectorFilter filter) {
        Filter where = null;
        if (filter != null) {
            String agent = filter.who().agentId();
            String ns = filter.who().namespace();
            where = metadataKey("owner").isEqualTo(agent)
                    .or(metadataKey("access").isIn(AccessLevel.PUBLIC.key(), AccessLevel.SYSTEM.key()))
                    .or(metadataKey("namespace").isEqualTo(ns)
                            .and(metadataKey("access").isIn(AccessLevel.TEAM.key(), AccessLevel.SHARED.key())));
            if (filter.namespace() != null) {
                where = where.and(metadataKey("namespace").isEqualTo(filter.namespace()));
            }
            if (filter.persona() != null) {
                where = where.and(metadataKey("persona").isEqualTo(filter.persona()));
            }
        }
        EmbeddingSearchRequest.EmbeddingSearchRequestBuilder b = EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query))
                .maxResults(k + Math.min(k, 20)) // head-room for shared skills not on this agent's whitelist
                .minScore(0.0);
        if (where != null) {
            b.filter(where);
        }
        EmbeddingSearchRequest request = b.build();
        ChromaEmbeddingStore s = store();
        List<EmbeddingMatch<TextSegment>> matches = breaker.call(() -> s.search(request).matches());
        List<VectorHit> out = new ArrayList<>(k);
        for (EmbeddingMatch<TextSegment> m : matches) {
            Metadata md = m.embedded() == null ? null : m.embedded().metadata();
            if (md == null) {
                continue;
            }
            if (filter != null && !filter.test(metaOf(md))) {
                continue;
            }
            // langchain4j maps cosine distance d to (2 - d) / 2; turn it back into the cosine similarity
            out.add(new VectorHit(Long.parseLong(m.embeddingId()), (float) (2 * m.score() - 1)));
            if (out.size() == k) {
                break;
            }
        }
        return out;
    }

    private static EntryMeta metaOf(Metadata md) {
        String shared = md.getString("shared");
        Set<String> whitelist = shared == null ? Set.of()
                : new HashSet<>(Arrays.asList(shared.substring(Math.min(1, shared.length())).split(",")));
        whitelist.remove("");
        String persona = md.getString("persona");
        return new EntryMeta(md.getString("namespace"), persona == null || persona.isEmpty() ? null : persona,
                AccessLevel.parse(md.getString("access")), md.getString("owner"), false, whitelist);
    }

    @Override
    public int size() {
        return mirror.size();
    }

    @Override
    public void close() {
        // the HTTP client holds no resources that need closing
    }
}
