package dev.skilldesk.library;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListingBudgetTest {
    private static ListingBudget.Entry entry(String name, int tokens, int descChars, Instant used) {
        return new ListingBudget.Entry("default/" + name, name, "d".repeat(descChars), tokens, used);
    }

    @Test
    void underTheBudgetEverySkillIsListedInFullWithItsShare() {
        List<ListingBudget.Entry> e = List.of(entry("a", 300, 900, null), entry("b", 100, 300, null));
        ListingBudget.Plan p = ListingBudget.plan(e, 200_000, 0.01, 1_536);
        assertThat(p.budgetTokens()).isEqualTo(2_000);
        assertThat(p.fits()).isTrue();
        assertThat(p.lines()).extracting(l -> l.fate()).containsOnly(ListingBudget.Fate.FULL);
        assertThat(p.lines().get(0).share()).isEqualTo(0.75);
    }

    @Test
    void overTheBudgetTheLongDescriptionsAreCutThenTheLeastUsedLoseTheirs() {
        List<ListingBudget.Entry> e = new ArrayList<>();
        e.add(entry("long-one", 700, 3_000, Instant.parse("2026-11-30T00:00:00Z")));
        for (int i = 0; i < 20; i++) {
            e.add(entry("skill-" + i, 100, 400, i < 10 ? null : Instant.parse("2026-11-" + (10 + i) + "T00:00:00Z")));
        }
        ListingBudget.Plan p = ListingBudget.plan(e, 200_000, 0.01, 1_536);
        assertThat(p.fits()).isFalse();
        assertThat(p.shownTokens()).isLessThanOrEqualTo(p.budgetTokens());
        ListingBudget.Line longOne = p.lines().stream().filter(l -> l.entry().name().equals("long-one")).findFirst().orElseThrow();
        assertThat(longOne.fate()).isEqualTo(ListingBudget.Fate.CUT);
        // the never-used ones go to name-only first; the most recently used keep their descriptions
        assertThat(p.lines().stream().filter(l -> l.entry().name().equals("skill-0")).findFirst().orElseThrow().fate())
                .isEqualTo(ListingBudget.Fate.NAME_ONLY);
        assertThat(p.lines().stream().filter(l -> l.entry().name().equals("skill-19")).findFirst().orElseThrow().fate())
                .isEqualTo(ListingBudget.Fate.FULL);
        // a larger context (or fraction) fits it all
        assertThat(ListingBudget.plan(e, 1_000_000, 0.01, 1_536).count(ListingBudget.Fate.NAME_ONLY)).isZero();
    }
}
