package dev.skilldesk.search;

/** One nearest neighbour: the skill and its cosine similarity to the query. */
public record VectorHit(long skillId, float score) {
}
