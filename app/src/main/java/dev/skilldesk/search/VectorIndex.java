package dev.skilldesk.search;

import java.util.List;

/**
 * Nearest-neighbour search over skill vectors of one model, with the access and catalogue filters
 * applied inside the search. Implementations: {@link ExactVectorIndex} (in-process, the default) and
 * {@link ChromaVectorIndex} (a Chroma server).
 */
public interface VectorIndex extends AutoCloseable {
    String modelId();

    int dimension();

    /** Adds or replaces vectors (one per skill). */
    void upsert(List<VectorEntry> entries);

    /** Replaces the catalogue metadata of a skill (access change, share, delete) without its vector. */
    void updateMeta(long skillId, EntryMeta meta);

    void remove(long skillId);

    void clear();

    /** The {@code k} best matches that pass {@code filter}, best first. */
    List<VectorHit> search(float[] query, int k, VectorFilter filter);

    int size();

    @Override
    void close();
}
