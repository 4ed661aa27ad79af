package dev.skilldesk.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeddings from an Ollama server (optional backend), behind a {@link CircuitBreaker}: when Ollama is
 * down or slow, calls fail fast and the indexer waits for the breaker instead of burning retries.
 * E5 models get the "query: " / "passage: " prefixes they were trained with.
 */
public final class OllamaEmbedder implements Embedder {
    public static final String DEFAULT_URL = "http://localhost:11434";
    public static final String DEFAULT_MODEL = "zylonai/multilingual-e5-large";

    private final String baseUrl;
    private final String modelName;
    private final OllamaEmbeddingModel model;
    private final CircuitBreaker breaker;
    private final boolean e5;
    private volatile int dimension;

    public OllamaEmbedder(String baseUrl, String modelName, Duration timeout, CircuitBreaker breaker) {
        this.baseUrl = baseUrl;
        this.modelName = modelName;
        this.breaker = breaker;
        this.e5 = modelName.toLowerCase(Locale.ROOT).contains("e5");
        this.model = OllamaEmbeddingModel.builder()
                .baseUrl(baseUrl)
                .modelName(modelName)
                .timeout(timeout)
                .maxRetries(0) // the breaker and the indexer's backoff decide about retries
                .build();
        this.dimension = modelName.toLowerCase(Locale.ROOT).contains("e5-large") ? 1024 : 0;
    }

    @Override
    public String modelId() {
        return "ollama:" + modelName;
    }

    @Override
    public int dimension() {
        if (dimension == 0) {
            dimension = embedQuery("dimension probe").length;
        }
        return dimension;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public float[] embedQuery(String query) {
        String text = e5 ? "query: " + query : query;
        float[] v = breaker.call(() -> model.embed(text).content().vector());
        dimension = v.length;
        return Embedder.normalize(v);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<TextSegment> segments = new ArrayList<>(passages.size());
        passages.forEach(p -> segments.add(TextSegment.from(e5 ? "passage: " + p : p)));
        List<float[]> out = new ArrayList<>(passages.size());
        breaker.call(() -> model.embedAll(segments).content()).forEach(e -> out.add(Embedder.normalize(e.vector())));
        if (!out.isEmpty()) {
            dimension = out.get(0).length;
        }
        return out;
    }

    /** A connection test for the settings dialog: embeds one word and reports the dimension. */
    public String test() {
        float[] v = embedQuery("connection test");
        return "Ollama at " + baseUrl + " answered with a " + v.length + "-dimensional vector from " + modelName;
    }
}
