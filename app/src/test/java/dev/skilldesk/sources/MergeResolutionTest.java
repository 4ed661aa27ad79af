package dev.skilldesk.sources;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Source;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolving a merge with conflicts, as the editor does it: the markers left are refused with their line and rule, a
 * resolution made against an upstream that has moved on since is refused (so no upstream change is skipped unseen),
 * and a resolution saves as a new version whose state is locally-modified, or up-to-date when it is upstream's text.
 */
class MergeResolutionTest {
    private static final Principal ME = new Principal("me", "default");
    @TempDir
    Path dir;
    SkillDeskCore core;
    Git git;
    Path work;
    Sources sources;
    Source source;

    @BeforeEach
    void diverged() throws Exception {
        work = dir.resolve("upstream");
        git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        write("skills/notes/SKILL.md", skill("One.\nTwo.\nThree.\n"));
        write("skills/notes/scripts/run.sh", "echo one\n");
        commit();
        core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of());
        sources = core.sources();
        source = sources.add(ME, work.toUri().toString(), null, null, null);
        sources.importSkills(ME, source, List.of("skills/notes"));
        SaveOutcome mine = core.library().save(ME, new SkillDraft("test", "notes", skill("One.\nTwo, mine.\nThree.\n"),
                core.library().files(ME, "default", "notes", 0).stream()
                        .map(f -> f.path().equals("scripts/run.sh") ? new dev.skilldesk.skill.SkillFile(f.path(),
                                "echo mine\n".getBytes(), dev.skilldesk.library.ContentHash.sha256("echo mine\n".getBytes()), true) : f)
                        .toList()),
                new SaveOptions("default", AccessLevel.PRIVATE, null));
        assertThat(mine.stored()).isTrue();
        write("skills/notes/SKILL.md", skill("One.\nTwo, theirs.\nThree.\n"));
        write("skills/notes/scripts/run.sh", "echo theirs\n");
        commit();
        sources.fetch(sources.source("upstream"));
    }

    @AfterEach
    void close() {
        git.close();
        core.close();
    }

    private static String skill(String body) {
        return "---\nname: notes\ndescription: Keeps notes when asked.\n---\n# Notes\n" + body;
    }

    private void write(String path, String text) throws Exception {
        Path p = work.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void commit() throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage("c").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }

    private Sources.Update conflicted() {
        Sources.Update u = sources.update(ME, List.of("notes"), false, false).get(0);
        assertThat(u.updated()).isFalse();
        assertThat(u.conflicts()).anySatisfy(c -> assertThat(c).startsWith("SKILL.md: 1 conflicting change"))
                .anySatisfy(c -> assertThat(c).startsWith("scripts/run.sh").endsWith("yours is kept"));
        assertThat(u.merge().content()).contains("<<<<<<< yours", "Two, mine.", "=======", "Two, theirs.", ">>>>>>> upstream");
        return u;
    }

    private int activeVersion() {
        return core.library().get(ME, "default", "notes").orElseThrow().skill().activeVersion();
    }

    @Test
    void markersLeftAreRefusedWithTheirLineAndTheResolutionIsSaved() {
        Sources.Update u = conflicted();
        int before = activeVersion();
        SaveOutcome left = sources.resolveMerge(ME, "notes", u.merge().content(), u.upstream());
        assertThat(left.stored()).isFalse();
        assertThat(left.reason()).contains("content.conflict-marker").contains("line 7");
        assertThat(activeVersion()).isEqualTo(before);

        SaveOutcome ok = sources.resolveMerge(ME, "notes", skill("One.\nTwo, mine and theirs.\nThree.\n"), u.upstream());
        assertThat(ok.stored()).as(ok.reason()).isTrue();
        assertThat(activeVersion()).isEqualTo(before + 1);
        assertThat(core.library().version(ME, "default", "notes", 0).orElseThrow().note()).contains("conflicts resolved");
        String script = new String(core.library().files(ME, "default", "notes", 0).stream()
                .filter(f -> f.path().equals("scripts/run.sh")).findFirst().orElseThrow().bytes());
        assertThat(script).as("the file both changed keeps yours, as the merge said").isEqualTo("echo mine\n");
        assertThat(sources.status(ME, "notes").get(0).state()).isEqualTo(Sources.State.LOCALLY_MODIFIED);
    }

    @Test
    void aResolutionAgainstAnUpstreamThatMovedOnIsRefused() throws Exception {
        Sources.Update u = conflicted();
        write("skills/notes/SKILL.md", skill("One.\nTwo, theirs again.\nThree.\n"));
        commit();
        sources.fetch(sources.source("upstream"));
        int before = activeVersion();
        SaveOutcome late = sources.resolveMerge(ME, "notes", skill("One.\nTwo, resolved.\nThree.\n"), u.upstream());
        assertThat(late.stored()).isFalse();
        assertThat(late.reason()).contains("upstream has moved on");
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void resolvingToUpstreamsTextIsUpToDate() throws Exception {
        // upstream's script as well, so that the result is upstream's files exactly
        write("skills/notes/scripts/run.sh", "echo mine\n");
        commit();
        sources.fetch(sources.source("upstream"));
        Sources.Update u = sources.update(ME, List.of("notes"), false, false).get(0);
        SaveOutcome ok = sources.resolveMerge(ME, "notes", skill("One.\nTwo, theirs.\nThree.\n"), u.upstream());
        assertThat(ok.stored()).as(ok.reason()).isTrue();
        assertThat(sources.status(ME, "notes").get(0).state()).isEqualTo(Sources.State.UP_TO_DATE);
    }

    @Test
    void aScheduleFetchesOnlyTheSourcesThatAreDue() {
        assertThat(sources.fetchDue(java.time.Duration.ofHours(1))).as("fetched a moment ago").isEmpty();
        List<Source> fetched = sources.fetchDue(java.time.Duration.ZERO);
        assertThat(fetched).extracting(Source::shortName).containsExactly("upstream");
        assertThat(fetched.get(0).fetchError()).isNull();
    }
}
