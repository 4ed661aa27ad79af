package dev.skilldesk.search;

import java.time.Duration;
import java.util.Map;

/**
 * Which embedding and vector backends to use. Embedded by default (ONNX model, in-process index);
 * Ollama and Chroma by choice. Read from the library's settings, overridable by environment variables
 * ({@code SKILLDESK_EMBEDDER}, {@code SKILLDESK_OLLAMA_URL}, {@code SKILLDESK_OLLAMA_MODEL},
 * {@code SKILLDESK_VECTOR_BACKEND}, {@code SKILLDESK_CHROMA_URL}).
 *
 * @param embedder   {@code onnx:all-minilm-l6-v2-q}, {@code onnx:bge-small-en-v15-q} or {@code ollama}
 * @param vectorBackend {@code embedded} or {@code chroma}
 */
public record SearchSettings(String embedder, String ollamaUrl, String ollamaModel, String vectorBackend,
                             String chromaUrl, String chromaCollection, EmbeddingText embeddingText,
                             Duration remoteTimeout) {
    public static final String KEY_EMBEDDER = "search.embedder";
    public static final String KEY_OLLAMA_URL = "search.ollama.url";
    public static final String KEY_OLLAMA_MODEL = "search.ollama.model";
    public static final String KEY_VECTOR = "search.vector";
    public static final String KEY_CHROMA_URL = "search.chroma.url";
    public static final String KEY_CHROMA_COLLECTION = "search.chroma.collection";
    public static final String KEY_TEXT = "search.embedding_text";
    /** Every key the library stores for search, in the order people see them. */
    public static final java.util.List<String> KEYS = java.util.List.of(KEY_EMBEDDER, KEY_OLLAMA_URL, KEY_OLLAMA_MODEL,
            KEY_VECTOR, KEY_CHROMA_URL, KEY_CHROMA_COLLECTION, KEY_TEXT);

    public static SearchSettings defaults() {
        return new SearchSettings("onnx:" + OnnxEmbedder.Model.MINILM_L6_V2_Q.id(), OllamaEmbedder.DEFAULT_URL,
                OllamaEmbedder.DEFAULT_MODEL, "embedded", "http://localhost:8000", "skilldesk",
                EmbeddingText.DEFAULT, Duration.ofSeconds(10));
    }

    /** Settings from stored values, then the environment on top. */
    public static SearchSettings from(Map<String, String> stored, Map<String, String> env) {
        SearchSettings d = defaults();
        return new SearchSettings(
                pick(env, "SKILLDESK_EMBEDDER", stored, KEY_EMBEDDER, d.embedder),
                pick(env, "SKILLDESK_OLLAMA_URL", stored, KEY_OLLAMA_URL, d.ollamaUrl),
                pick(env, "SKILLDESK_OLLAMA_MODEL", stored, KEY_OLLAMA_MODEL, d.ollamaModel),
                pick(env, "SKILLDESK_VECTOR_BACKEND", stored, KEY_VECTOR, d.vectorBackend),
                pick(env, "SKILLDESK_CHROMA_URL", stored, KEY_CHROMA_URL, d.chromaUrl),
                pick(env, "SKILLDESK_CHROMA_COLLECTION", stored, KEY_CHROMA_COLLECTION, d.chromaCollection),
                EmbeddingText.parse(pick(env, "SKILLDESK_EMBEDDING_TEXT", stored, KEY_TEXT, d.embeddingText.name())),
                d.remoteTimeout);
    }

    private static String pick(Map<String, String> env, String envKey, Map<String, String> stored, String key,
                               String fallback) {
        String e = env.get(envKey);
        if (e != null && !e.isBlank()) {
            return e.strip();
        }
        String s = stored.get(key);
        return s != null && !s.isBlank() ? s.strip() : fallback;
    }

    public boolean usesOllama() {
        return embedder.toLowerCase(java.util.Locale.ROOT).startsWith("ollama");
    }

    public boolean usesChroma() {
        return "chroma".equalsIgnoreCase(vectorBackend);
    }
}
