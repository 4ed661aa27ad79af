package dev.skilldesk.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The default embedder: an ONNX model shipped inside a Maven artifact (langchain4j in-process
 * embeddings), so nothing is downloaded at run time.
 */
public final class OnnxEmbedder implements Embedder {
    /** The in-process models a user can choose between. */
    public enum Model {
        /** all-MiniLM-L6-v2, quantized: the fastest; the default (see the README's quality table). */
        MINILM_L6_V2_Q("all-minilm-l6-v2-q", ""),
        /** bge-small-en-v1.5, quantized: slower; wants an instruction before queries. */
        BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", "Represent this sentence for searching relevant passages: ");

        private final String id;
        private final String queryPrefix;

        Model(String id, String queryPrefix) {
            this.id = id;
            this.queryPrefix = queryPrefix;
        }

        public String id() {
            return id;
        }

        public static Model parse(String s) {
            String v = s.toLowerCase(Locale.ROOT).replace("onnx:", "");
            for (Model m : values()) {
                if (m.id.equals(v) || m.name().equalsIgnoreCase(v)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown embedded model '" + s + "' (all-minilm-l6-v2-q or bge-small-en-v15-q)");
        }
    }

    private final Model model;
    private final EmbeddingModel delegate;
    private final int dimension;

    public OnnxEmbedder(Model model) {
        this(model, null);
    }

    /** @param executor where the model parallelises a batch; null for its own default */
    public OnnxEmbedder(Model model, Executor executor) {
        this.model = model;
        this.delegate = switch (model) {
            case MINILM_L6_V2_Q -> executor == null ? new AllMiniLmL6V2QuantizedEmbeddingModel()
                    : new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
            case BGE_SMALL_EN_V15_Q -> executor == null ? new BgeSmallEnV15QuantizedEmbeddingModel()
                    : new BgeSmallEnV15QuantizedEmbeddingModel(executor);
        };
        this.dimension = delegate.dimension();
    }

    @Override
    public String modelId() {
        return "onnx:" + model.id();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embedQuery(String query) {
        return Embedder.normalize(delegate.embed(model.queryPrefix + query).content().vector());
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<TextSegment> segments = new ArrayList<>(passages.size());
        passages.forEach(p -> segments.add(TextSegment.from(p)));
        List<float[]> out = new ArrayList<>(passages.size());
        delegate.embedAll(segments).content().forEach(e -> out.add(Embedder.normalize(e.vector())));
        return out;
    }
}
