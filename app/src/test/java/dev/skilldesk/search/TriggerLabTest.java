package dev.skilldesk.search;

import dev.skilldesk.library.AccessDeniedException;
import dev.skilldesk.library.SkillTriggerReport;
import dev.skilldesk.library.TriggerLab;
import dev.skilldesk.library.TriggerResult;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Trigger;
import dev.skilldesk.skill.Trigger.Expectation;
import dev.skilldesk.store.TriggerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trigger lab over a small library with the bag-of-words embedder. */
class TriggerLabTest {
    static final Principal ALICE = new Principal("alice", "team-a");
    static final Principal BOB = new Principal("bob", "team-a");
    static final Principal MALLORY = new Principal("mallory", "team-b");
    static final String POSTERS = "design conference posters";

    @TempDir
    Path dir;
    SearchFixture f;
    TriggerLab lab;

    @BeforeEach
    void setUp() {
        f = new SearchFixture(dir, new FakeEmbedder());
        f.add(ALICE, "team-a", "csv-cleaner", "Clean messy CSV spreadsheets: trim blanks, fix dates", AccessLevel.PUBLIC, "analyst");
        f.add(ALICE, "team-a", "poster-maker", "Design conference posters in LaTeX", AccessLevel.TEAM, "writer");
        f.add(ALICE, "team-a", "poster-printer", "Print large posters at a copy shop", AccessLevel.TEAM, "writer");
        f.add(ALICE, "team-a", "slide-designer", "Design slides for a conference talk", AccessLevel.TEAM, "writer");
        f.add(ALICE, "team-a", "secret-recipes", "Private cooking recipes for dinner", AccessLevel.PRIVATE, "cook");
        f.add(BOB, "team-a", "meal-planner", "Plan weekly dinner meals and shopping lists", AccessLevel.TEAM, "cook");
        f.awaitIdle();
        lab = new TriggerLab(f.core.library(), new TriggerStore(f.core.database()),
                () -> dev.skilldesk.SkillDeskCore.hybridRanking(f.search), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private TriggerResult only(SkillTriggerReport r) {
        assertThat(r.results()).hasSize(1);
        return r.results().get(0);
    }

    @Test
    void aFindPassesWhenTheSkillRanksWithinTopK() {
        Trigger t = lab.add(ALICE, "team-a", "csv-cleaner", "  clean messy csv spreadsheets\n", Expectation.FIND);
        assertThat(t.request()).isEqualTo("clean messy csv spreadsheets");

        SkillTriggerReport report = lab.run(ALICE, "team-a", "csv-cleaner", TriggerLab.DEFAULT_TOP_K);
        TriggerResult r = only(report);
        assertThat(r.trigger()).isEqualTo(t);
        assertThat(r.rank()).isEqualTo(1);
        assertThat(r.passed()).isTrue();
        assertThat(r.beatenBy()).isEmpty();
        assertThat(r.score()).isPositive();
        assertThat(r.notice()).isNull();
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isZero();
    }

    @Test
    void anAvoidPassesWhenTheSkillRanksBelowTopKAndFailsWithin() {
        lab.add(ALICE, "team-a", "csv-cleaner", POSTERS, Expectation.AVOID);
        TriggerResult below = only(lab.run(ALICE, "team-a", "csv-cleaner", 3));
        assertThat(below.rank()).as("three skills match the words, csv-cleaner only the vector").isGreaterThan(3);
        assertThat(below.passed()).isTrue();

        lab.add(ALICE, "team-a", "poster-maker", POSTERS, Expectation.AVOID);
        TriggerResult within = only(lab.run(ALICE, "team-a", "poster-maker", 3));
        assertThat(within.rank()).isEqualTo(1);
        assertThat(within.passed()).isFalse();
    }

    @Test
    void aFailingFindNamesTheSkillsThatBeatItAndPassesOnceKReachesItsRank() {
        lab.add(ALICE, "team-a", "csv-cleaner", POSTERS, Expectation.FIND);
        TriggerResult r = only(lab.run(ALICE, "team-a", "csv-cleaner", 3));
        assertThat(r.passed()).isFalse();
        assertThat(r.rank()).as("fewer than 10 skills: every one is ranked").isGreaterThan(3);
        assertThat(r.beatenBy()).hasSize(r.rank() - 1)
                .startsWith("team-a/poster-maker")
                .contains("team-a/poster-printer", "team-a/slide-designer")
                .doesNotContain("team-a/csv-cleaner");

        assertThat(only(lab.run(ALICE, "team-a", "csv-cleaner", r.rank())).passed()).isTrue();
        assertThat(only(lab.run(ALICE, "team-a", "csv-cleaner", r.rank() - 1)).passed()).isFalse();
        assertThatThrownBy(() -> lab.run(ALICE, "team-a", "csv-cleaner", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void runsSearchAsTheOwnerSoPrivateSkillsCountOnlyForTheirOwner() {
        lab.add(ALICE, "team-a", "secret-recipes", "private cooking recipes for dinner", Expectation.FIND);
        assertThat(only(lab.run(ALICE, "team-a", "secret-recipes", 1)).passed()).isTrue();
        // the caller's working namespace does not change what the skill competes with
        assertThat(only(lab.run(new Principal("alice", "elsewhere"), "team-a", "secret-recipes", 1)).rank())
                .isEqualTo(1);

        lab.add(BOB, "team-a", "meal-planner", "cooking recipes for dinner", Expectation.FIND);
        TriggerResult bobs = only(lab.run(BOB, "team-a", "meal-planner", 3));
        assertThat(bobs.rank()).isEqualTo(1);
        assertThat(bobs.beatenBy()).doesNotContain("team-a/secret-recipes");
    }

    @Test
    void onlyTheOwnerEditsListsOrRunsTriggers() {
        Trigger t = lab.add(ALICE, "team-a", "poster-maker", POSTERS, Expectation.FIND);
        // bob sees the team skill but does not own it; mallory, in another namespace, does not see it
        assertThatThrownBy(() -> lab.add(BOB, "team-a", "poster-maker", "x", Expectation.FIND))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("only its owner");
        assertThatThrownBy(() -> lab.remove(BOB, "team-a", "poster-maker", t.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> lab.list(BOB, "team-a", "poster-maker")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> lab.run(BOB, "team-a", "poster-maker", 3)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> lab.add(MALLORY, "team-a", "poster-maker", "x", Expectation.FIND))
                .isInstanceOf(SkillNotFoundException.class);
        assertThatThrownBy(() -> lab.run(MALLORY, "team-a", "poster-maker", 3))
                .isInstanceOf(SkillNotFoundException.class);
        assertThatThrownBy(() -> lab.add(ALICE, "team-a", "no-such-skill", "x", Expectation.FIND))
                .isInstanceOf(SkillNotFoundException.class);
        assertThat(lab.list(ALICE, "team-a", "poster-maker")).containsExactly(t);
    }

    @Test
    void blankContradictoryAndRepeatedRequests() {
        assertThatThrownBy(() -> lab.add(ALICE, "team-a", "csv-cleaner", " \t\n", Expectation.FIND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> lab.add(ALICE, "team-a", "csv-cleaner", null, Expectation.AVOID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");

        Trigger t = lab.add(ALICE, "team-a", "csv-cleaner", "fix dates", Expectation.FIND);
        assertThat(lab.add(ALICE, "team-a", "csv-cleaner", "fix dates ", Expectation.FIND)).isEqualTo(t);
        assertThatThrownBy(() -> lab.add(ALICE, "team-a", "csv-cleaner", "fix dates", Expectation.AVOID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#" + t.id());
        assertThat(lab.list(ALICE, "team-a", "csv-cleaner")).containsExactly(t);
    }

    @Test
    void removeTakesOnlyTheNamedSkillsTrigger() {
        Trigger csv = lab.add(ALICE, "team-a", "csv-cleaner", "fix dates", Expectation.FIND);
        Trigger poster = lab.add(ALICE, "team-a", "poster-maker", POSTERS, Expectation.FIND);
        assertThat(lab.remove(ALICE, "team-a", "csv-cleaner", poster.id())).isEmpty();
        assertThat(lab.list(ALICE, "team-a", "poster-maker")).containsExactly(poster);
        assertThat(lab.remove(ALICE, "team-a", "csv-cleaner", csv.id())).contains(csv);
        assertThat(lab.list(ALICE, "team-a", "csv-cleaner")).isEmpty();
    }

    @Test
    void runAllRunsTheCallersLiveSkillsAndSoftDeleteOnlyHidesTriggers() {
        lab.add(ALICE, "team-a", "slide-designer", "design slides for a talk", Expectation.FIND);
        lab.add(ALICE, "team-a", "csv-cleaner", "clean messy csv spreadsheets", Expectation.FIND);
        Trigger printer = lab.add(ALICE, "team-a", "poster-printer", "print posters", Expectation.FIND);
        lab.add(BOB, "team-a", "meal-planner", "plan dinner meals", Expectation.FIND);

        assertThat(names(lab.runAll(ALICE, 3))).containsExactly("csv-cleaner", "poster-printer", "slide-designer");
        assertThat(names(lab.runAll(BOB, 3))).containsExactly("meal-planner");

        f.core.library().delete(ALICE, "team-a", "poster-printer");
        f.awaitIdle();
        assertThat(names(lab.runAll(ALICE, 3))).containsExactly("csv-cleaner", "slide-designer");
        assertThat(lab.skillsWithTriggers(ALICE)).extracting(s -> s.name())
                .containsExactly("csv-cleaner", "slide-designer");
        assertThatThrownBy(() -> lab.run(ALICE, "team-a", "poster-printer", 3))
                .isInstanceOf(SkillNotFoundException.class).hasMessageContaining("restore");
        assertThatThrownBy(() -> lab.add(ALICE, "team-a", "poster-printer", "x", Expectation.FIND))
                .isInstanceOf(SkillNotFoundException.class);
        assertThat(lab.list(ALICE, "team-a", "poster-printer")).as("kept, only hidden").containsExactly(printer);

        f.core.library().restore(ALICE, "team-a", "poster-printer");
        f.awaitIdle();
        List<SkillTriggerReport> all = lab.runAll(ALICE, 3);
        assertThat(names(all)).containsExactly("csv-cleaner", "poster-printer", "slide-designer");
        assertThat(all).allSatisfy(r -> assertThat(r.failed()).as(r.toString()).isZero());
    }

    private static List<String> names(List<SkillTriggerReport> reports) {
        return reports.stream().map(SkillTriggerReport::name).toList();
    }
}
