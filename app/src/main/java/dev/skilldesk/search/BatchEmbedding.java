package dev.skilldesk.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds a batch of texts, reusing the cached vectors of texts seen before. When the model rejects the
 * request because of one bad text, the rest of the batch is embedded one text at a time, so that only the
 * texts that fail on their own are reported failed. A failing remote backend (down, timing out) is not the
 * texts' fault: it ends the batch with {@link BackendUnavailable} and nothing is reported failed.
 */
final class BatchEmbedding {
    /** The vectors by text hash (cached and fresh), the fresh ones to store, and the texts that failed. */
    record Result(Map<String, float[]> vectors, Map<String, float[]> fresh, Map<String, RuntimeException> failed) {
    }

    /** The embedding backend failed; the work waits (the breaker decides for how long). */
    static final class BackendUnavailable extends RuntimeException {
        BackendUnavailable(RuntimeException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    private final Embedder embedder;
    private final EmbeddingCache cache;
    private final CircuitBreaker breaker;

    BatchEmbedding(Embedder embedder, EmbeddingCache cache, CircuitBreaker breaker) {
        this.embedder = embedder;
        this.cache = cache;
        this.breaker = breaker;
    }

    /** Embeds the texts (hash → text) that the cache does not have. */
    Result embed(Map<String, String> byHash) {
        Map<String, float[]> vectors = new HashMap<>(cache.passages(embedder.modelId(), new ArrayList<>(byHash.keySet())));
        Map<String, String> missing = new LinkedHashMap<>();
        byHash.forEach((h, t) -> {
            if (!vectors.containsKey(h)) {
                missing.put(h, t);
            }
        });
        Map<String, float[]> fresh = new HashMap<>();
        Map<String, RuntimeException> failed = new HashMap<>();
        if (!missing.isEmpty()) {
            try {
                List<float[]> embedded = embedder.embedPassages(new ArrayList<>(missing.values()));
                int i = 0;
                for (String h : missing.keySet()) {
                    fresh.put(h, embedded.get(i++));
                }
            } catch (CircuitBreaker.OpenException e) {
                throw e; // not the texts' fault: wait for the breaker, spend no attempts
            } catch (RuntimeException e) {
                if (isBackendFailure(e)) {
                    throw new BackendUnavailable(e);
                }
                if (missing.size() == 1) {
                    failed.put(missing.keySet().iterator().next(), e);
                } else {
                    for (Map.Entry<String, String> m : missing.entrySet()) {
                        try {
                            fresh.put(m.getKey(), embedder.embedPassages(List.of(m.getValue())).get(0));
                        } catch (CircuitBreaker.OpenException one) {
                            throw one;
                        } catch (RuntimeException one) {
                            if (isBackendFailure(one)) {
                                throw new BackendUnavailable(one);
                            }
                            failed.put(m.getKey(), one);
                        }
                    }
                }
            }
            vectors.putAll(fresh);
        }
        return new Result(vectors, fresh, failed);
    }

    /**
     * A remote embedder failing (down, 5xx, timeout, model missing) says nothing about the texts; only a
     * request it rejects as invalid does.
     */
    private boolean isBackendFailure(RuntimeException e) {
        return breaker != null && !(e instanceof dev.langchain4j.exception.InvalidRequestException);
    }
}
