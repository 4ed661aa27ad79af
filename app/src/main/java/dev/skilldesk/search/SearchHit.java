package dev.skilldesk.search;

import dev.skilldesk.skill.Skill;

import java.util.Set;

/**
 * One result: the skill, its fused score, which modes found it (with their ranks, 1-based, 0 if not
 * found by that mode), the cosine similarity when the semantic side saw it, and a snippet where the
 * query's words are marked «like this».
 *
 * @param score     what the ranking sorts by: reciprocal-rank fusion in hybrid mode (a small number with no
 *                  meaning of its own), the cosine similarity or the BM25 score in the single modes
 * @param relevance the same ranking as one number a person can read, 0 to 1 in every mode (the UI shows it as a
 *                  percentage, the CLI and MCP return it): see {@link SearchService#relevance}
 */
public record SearchHit(Skill skill, double score, Set<SearchMode> foundBy, int semanticRank, int keywordRank,
                        float similarity, String snippet, double relevance) {
}
