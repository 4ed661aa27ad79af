package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code skilldesk watch}: saves under a watched folder become versions, once per burst of writes. */
class SkillFolderWatcherTest {
    private static final Principal AUTHOR = new Principal("author", "default");
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;
    SkillDeskCore core;
    Path watched;
    final List<Path> reported = new CopyOnWriteArrayList<>();
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    SkillFolderWatcher watcher;

    @BeforeEach
    void setUp() throws IOException {
        core = SkillDeskCore.open(dir.resolve("lib"), AUTHOR, Map.of());
        watched = dir.resolve("skills");
        TestSkills.writeSkill(watched, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nv1");
        core.importer().importPath(AUTHOR, watched, ImportOptions.defaults());
        WatchedFolderImporter importer = new WatchedFolderImporter(core.importer(), core.installs(), AUTHOR,
                ImportOptions.defaults());
        watcher = new SkillFolderWatcher(watched, QUIET, folder -> {
            importer.importFolder(folder);
            reported.add(folder);
        }, (folder, e) -> errors.add(e));
        watcher.start();
    }

    @AfterEach
    void tearDown() {
        watcher.stop();
        core.close();
    }

    @Test
    void aSaveBecomesANewVersionOnceTheFolderIsQuiet() throws Exception {
        Path md = watched.resolve("csv-cleaner/SKILL.md");
        // an editor's save: several writes in a burst
        for (int i = 2; i <= 5; i++) {
            Files.writeString(md, TestSkills.skillMd("csv-cleaner", "Clean CSV files.", "## Core Instructions\nv" + i));
            Thread.sleep(30);
        }
        awaitTrue(() -> versions("csv-cleaner") == 2);
        Thread.sleep(QUIET.toMillis() * 3);
        assertThat(versions("csv-cleaner")).as("one version per burst").isEqualTo(2);
        assertThat(core.library().get(AUTHOR, "default", "csv-cleaner").orElseThrow().version().coreInstructions())
                .contains("v5");
        assertThat(reported).containsExactly(watched.resolve("csv-cleaner").toAbsolutePath());
        assertThat(errors).isEmpty();
    }

    @Test
    void newFoldersAndFilesDeepInTheTreeAreWatchedToo() throws Exception {
        Path scripts = watched.resolve("csv-cleaner/scripts/deep");
        Files.createDirectories(scripts);
        Files.writeString(scripts.resolve("run.sh"), "echo hi\n");
        awaitTrue(() -> versions("csv-cleaner") == 2);
        assertThat(core.library().files(AUTHOR, "default", "csv-cleaner", 0)).extracting(f -> f.path())
                .containsExactly("scripts/deep/run.sh");

        Files.writeString(scripts.resolve("run.sh"), "echo bye\n"); // in a folder created after start
        awaitTrue(() -> versions("csv-cleaner") == 3);

        TestSkills.writeSkill(watched, "new-skill", "Appeared while watching.", "Body.");
        awaitTrue(() -> core.library().get(AUTHOR, "default", "new-skill").isPresent());
    }

    @Test
    void editorNoiseAloneChangesNothingAndStopEndsTheWatch() throws Exception {
        Files.writeString(watched.resolve("csv-cleaner/.SKILL.md.swp"), "swap");
        Files.writeString(watched.resolve("csv-cleaner/SKILL.md~"), "backup");
        Thread.sleep(QUIET.toMillis() * 4);
        assertThat(reported).isEmpty();

        watcher.stop();
        assertThat(watcher.running()).isFalse();
        Files.writeString(watched.resolve("csv-cleaner/SKILL.md"),
                TestSkills.skillMd("csv-cleaner", "Clean CSV files.", "after stop"));
        Thread.sleep(QUIET.toMillis() * 3);
        assertThat(versions("csv-cleaner")).isEqualTo(1);
    }

    @Test
    void anInstalledCopyGoesBackToItsOwnSkill() throws Exception {
        core.library().setAccess(AUTHOR, "default", "csv-cleaner", dev.skilldesk.skill.AccessLevel.PRIVATE);
        Path agentFolder = dir.resolve("agent-skills");
        core.installs().install(AUTHOR, "default", "csv-cleaner", 0, agentFolder);
        WatchedFolderImporter importer = new WatchedFolderImporter(core.importer(), core.installs(),
                new Principal("author", "elsewhere"), ImportOptions.defaults());
        try (SkillFolderWatcher w = new SkillFolderWatcher(agentFolder, QUIET, importer::importFolder,
                (f, e) -> errors.add(e))) {
            w.start();
            Path md = agentFolder.resolve("csv-cleaner/SKILL.md");
            Files.writeString(md, TestSkills.skillMd("csv-cleaner", "Clean CSV files.", "edited in the agent folder"));
            awaitTrue(() -> versions("csv-cleaner") == 2);
        }
        assertThat(core.store().find("elsewhere", "csv-cleaner")).as("not a new skill in the watcher's namespace")
                .isEmpty();
        assertThat(core.installs().status(AUTHOR).get(0).state()).isEqualTo(Installs.State.IN_SYNC);
        assertThat(errors).isEmpty();
    }

    private int versions(String name) {
        return core.store().find("default", name).map(s -> s.versionCount()).orElse(0);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(25);
        }
    }
}
