package dev.skilldesk.search;

import dev.skilldesk.skill.Skill;

import java.util.Set;

/**
 * One result: the skill, its fused score, which modes found it (with their ranks, 1-based, 0 if not
 * found by that mode), the cosine similarity when the semantic side saw it, and a snippet where the
 * query's words are marked «like this».
 */
public record SearchHit(Skill skill, double score, Set<SearchMode> foundBy, int semanticRank, int keywordRank,
                        float similarity, String snippet) {
}
