package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.analytics.ActivationStats;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.AccessRule;
import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every access level from both sides: the owner, a teammate in the same namespace, a whitelisted
 * teammate, and an outsider in another namespace. The Java rule, the SQL list filter, get, and
 * analytics must all agree.
 */
class AccessRulesTest {
    @TempDir
    Path dir;
    SkillDeskCore core;

    static final Principal OWNER = new Principal("alice", "team-a");
    static final Principal TEAMMATE = new Principal("bob", "team-a");
    static final Principal WHITELISTED = new Principal("carol", "team-a");
    static final Principal OUTSIDER = new Principal("mallory", "team-b");
    static final Principal WHITELISTED_ELSEWHERE = new Principal("dave", "team-b");

    /** Expected visibility: owner, teammate, whitelisted, outsider, whitelisted-in-other-namespace. */
    static final Map<AccessLevel, boolean[]> EXPECTED = Map.of(
            AccessLevel.PRIVATE, new boolean[] {true, false, false, false, false},
            AccessLevel.TEAM, new boolean[] {true, true, true, false, false},
            AccessLevel.SHARED, new boolean[] {true, false, true, false, false},
            AccessLevel.PUBLIC, new boolean[] {true, true, true, true, true},
            AccessLevel.SYSTEM, new boolean[] {true, true, true, true, true});

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir, OWNER);
    }

    @AfterEach
    void close() {
        core.close();
    }

    private void create(AccessLevel level) {
        String name = "s-" + level.key();
        SaveOutcome o = core.library().save(OWNER, new SkillDraft("t", name, skillMd(name, "A " + level.key()
                + " skill.", "body"), List.of()), new SaveOptions("team-a", level, null));
        assertThat(o.stored()).isTrue();
        core.library().share(OWNER, "team-a", name, WHITELISTED.agentId());
        core.library().share(OWNER, "team-a", name, WHITELISTED_ELSEWHERE.agentId());
    }

    @ParameterizedTest
    @EnumSource(AccessLevel.class)
    void everyPathAgreesWithTheRule(AccessLevel level) {
        create(level);
        String name = "s-" + level.key();
        Principal[] who = {OWNER, TEAMMATE, WHITELISTED, OUTSIDER, WHITELISTED_ELSEWHERE};
        Skill skill = core.store().find("team-a", name).orElseThrow();
        long id = skill.id();
        core.activations().log(new Activation(id, 1, "x", "team-a", "test", 2, 10, Instant.now(), 1, true, null));
        core.activations().flush();
        for (int i = 0; i < who.length; i++) {
            Principal p = who[i];
            boolean expected = EXPECTED.get(level)[i];
            String as = level + " as " + p;
            assertThat(AccessRule.isAccessible(skill, p.agentId(), p.namespace(),
                    core.store().isSharedWith(id, p.agentId()))).as("rule " + as).isEqualTo(expected);
            assertThat(core.library().get(p, "team-a", name).isPresent()).as("get " + as).isEqualTo(expected);
            assertThat(core.library().list(p, SkillQuery.all()).stream().anyMatch(s -> s.id() == id))
                    .as("list " + as).isEqualTo(expected);
            assertThat(new LibraryOverview(core.library()).rows(p, true, null).stream().anyMatch(r -> r.skill().id() == id))
                    .as("library table (the view model's rows) " + as).isEqualTo(expected);
            ActivationStats.Summary sum = core.stats().summary(p, Instant.EPOCH, Instant.now().plusSeconds(60), 10);
            assertThat(sum.activations() > 0).as("analytics " + as).isEqualTo(expected);
            if (!expected) {
                assertThatThrownBy(() -> core.library().layer(p, "team-a", name, dev.skilldesk.skill.Layer.FULL, 0))
                        .as("layer " + as).isInstanceOf(SkillNotFoundException.class);
                assertThatThrownBy(() -> core.library().files(p, "team-a", name, 0))
                        .as("files " + as).isInstanceOf(SkillNotFoundException.class);
            }
        }
    }

    @Test
    void deletedIsVisibleToNobodyThroughGetOrList() {
        create(AccessLevel.PUBLIC);
        core.library().delete(OWNER, "team-a", "s-public");
        for (Principal p : new Principal[] {OWNER, TEAMMATE, OUTSIDER}) {
            assertThat(core.library().get(p, "team-a", "s-public")).isEmpty();
            assertThat(core.library().list(p, SkillQuery.all())).isEmpty();
        }
        assertThat(core.library().list(OUTSIDER, SkillQuery.all().withDeleted(true))).isEmpty();
    }

    @Test
    void onlyTheOwnerChangesASkill() {
        create(AccessLevel.TEAM);
        assertThatThrownBy(() -> core.library().delete(TEAMMATE, "team-a", "s-team"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("belongs to alice");
        assertThatThrownBy(() -> core.library().delete(OUTSIDER, "team-a", "s-team"))
                .isInstanceOf(SkillNotFoundException.class); // cannot even learn it exists
        SaveOutcome o = core.library().save(TEAMMATE, new SkillDraft("t", "s-team", skillMd("s-team", "hijack", "x"),
                List.of()), new SaveOptions("team-a", AccessLevel.PUBLIC, null));
        assertThat(o.status()).isEqualTo(SaveOutcome.Status.REJECTED);
        assertThat(o.reason()).contains("only its owner");
    }
}
