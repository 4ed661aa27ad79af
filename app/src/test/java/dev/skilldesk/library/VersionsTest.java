package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionsTest {
    @TempDir
    Path dir;
    SkillDeskCore core;
    final Principal me = new Principal("me", "default");

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir, me);
    }

    @AfterEach
    void close() {
        core.close();
    }

    private SaveOutcome save(String body) {
        return core.library().save(me, new SkillDraft("test", "pdf", skillMd("pdf", "Fill PDF forms.", body), List.of()),
                SaveOptions.defaults("default"));
    }

    @Test
    void identicalContentAddsNoVersion() {
        assertThat(save("v1").status()).isEqualTo(SaveOutcome.Status.CREATED);
        SaveOutcome again = save("v1");
        assertThat(again.status()).isEqualTo(SaveOutcome.Status.UNCHANGED);
        assertThat(again.version().version()).isEqualTo(1);
        assertThat(core.store().find("default", "pdf").orElseThrow().versionCount()).isEqualTo(1);
    }

    @Test
    void changesAppendVersionsAndRollbackKeepsLaterOnes() {
        save("first");
        save("second");
        SaveOutcome third = save("third");
        assertThat(third.status()).isEqualTo(SaveOutcome.Status.NEW_VERSION);
        assertThat(third.version().version()).isEqualTo(3);

        int before = core.library().activateVersion(me, "default", "pdf", 1);
        assertThat(before).isEqualTo(3);
        assertThat(core.library().layer(me, "default", "pdf", Layer.CORE, 0).text()).isEqualTo("first");
        List<SkillVersion> all = core.library().versions(me, "default", "pdf");
        assertThat(all).extracting(SkillVersion::version).containsExactly(1, 2, 3);

        core.library().activateVersion(me, "default", "pdf", before); // undo
        assertThat(core.library().layer(me, "default", "pdf", Layer.CORE, 0).text()).isEqualTo("third");
        assertThatThrownBy(() -> core.library().activateVersion(me, "default", "pdf", 9))
                .isInstanceOf(SkillNotFoundException.class).hasMessageContaining("no version 9");
    }

    @Test
    void savingContentEqualToAnOlderVersionAfterRollbackAddsANewOne() {
        save("a");
        save("b");
        core.library().activateVersion(me, "default", "pdf", 1);
        SaveOutcome o = save("b");
        assertThat(o.status()).isEqualTo(SaveOutcome.Status.NEW_VERSION);
        assertThat(o.version().version()).isEqualTo(3);
    }

    @Test
    void aChangedResourceFileIsANewVersion() {
        byte[] one = "print(1)".getBytes(StandardCharsets.UTF_8);
        byte[] two = "print(2)".getBytes(StandardCharsets.UTF_8);
        String md = skillMd("pdf", "Fill PDF forms.", "body");
        core.library().save(me, new SkillDraft("t", "pdf", md, List.of(file("scripts/run.py", one))), SaveOptions.defaults("default"));
        SaveOutcome o = core.library().save(me, new SkillDraft("t", "pdf", md, List.of(file("scripts/run.py", two))),
                SaveOptions.defaults("default"));
        assertThat(o.status()).isEqualTo(SaveOutcome.Status.NEW_VERSION);
        assertThat(core.library().files(me, "default", "pdf", 1)).singleElement()
                .satisfies(f -> assertThat(f.bytes()).isEqualTo(one));
        assertThat(core.library().layer(me, "default", "pdf", Layer.FULL, 0).text())
                .contains("scripts/run.py (8 bytes)");
    }

    @Test
    void unifiedDiffBetweenAnyTwoVersions() {
        save("line one\nline two");
        save("line one\nline 2");
        String diff = core.library().diff(me, "default", "pdf", 1, 2);
        assertThat(diff).contains("--- pdf@v1/SKILL.md", "+++ pdf@v2/SKILL.md", "-line two", "+line 2");
        assertThat(core.library().diff(me, "default", "pdf", 2, 2)).isEmpty();
    }

    @Test
    void softDeleteHidesAndRestoreBringsBackEveryVersion() {
        save("a");
        save("b");
        core.library().delete(me, "default", "pdf");
        assertThat(core.library().get(me, "default", "pdf")).isEmpty();
        assertThat(core.library().list(me, SkillQuery.all())).isEmpty();
        assertThat(core.library().list(me, SkillQuery.all().withDeleted(true))).hasSize(1);
        core.library().restore(me, "default", "pdf");
        assertThat(core.library().get(me, "default", "pdf")).isPresent();
        assertThat(core.library().versions(me, "default", "pdf")).hasSize(2);
    }

    @Test
    void aRejectedSaveStoresNothing() {
        SaveOutcome o = core.library().save(me, new SkillDraft("t", null, "no frontmatter", List.of()),
                SaveOptions.defaults("default"));
        assertThat(o.status()).isEqualTo(SaveOutcome.Status.REJECTED);
        assertThat(o.reason()).contains("frontmatter.missing");
        assertThat(core.store().count(me, SkillQuery.all())).isZero();
    }

    @Test
    void layersCarryTokenCounts() {
        save("## Core Instructions\nDo the thing carefully.\n## Notes\nlong notes here");
        LayerContent l1 = core.library().layer(me, "default", "pdf", Layer.METADATA, 0);
        LayerContent l2 = core.library().layer(me, "default", "pdf", Layer.CORE, 0);
        LayerContent l3 = core.library().layer(me, "default", "pdf", Layer.FULL, 0);
        assertThat(l1.text()).contains("name: pdf", "description: Fill PDF forms.");
        assertThat(l2.text()).isEqualTo("Do the thing carefully.");
        assertThat(l1.tokens()).isBetween(5, 150);
        assertThat(l2.tokens()).isPositive().isLessThan(l3.tokens());
    }

    private static SkillFile file(String path, byte[] bytes) {
        return new SkillFile(path, bytes, ContentHash.sha256(bytes), true);
    }
}
