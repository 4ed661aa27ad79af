package dev.skilldesk.search;

/** A skill's vector (of its active version) with what the filters need. */
public record VectorEntry(long skillId, int version, float[] vector, EntryMeta meta) {
}
