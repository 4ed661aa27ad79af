package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.bench.SyntheticCorpus;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.SaveOutcome;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.skill.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full disk and a read-only data directory, for real: the library lives on a small tmpfs mounted for
 * the test (CI runs as root, which may mount). A write that does not fit fails with a clear error,
 * nothing committed is lost, the file stays intact, and writing works again once there is room.
 */
class DiskFullAndReadOnlyTest {
    @TempDir
    Path dir;
    Path mount;
    final Principal me = new Principal("me", "default");

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = dir.resolve("disk");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root?): "
                + new String(p.getInputStream().readAllBytes()).strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
    }

    @Test
    void aFullDiskRefusesTheWriteClearlyAndLosesNothing() throws Exception {
        Path lib = mount.resolve("lib");
        Path src = dir.resolve("src");
        SyntheticCorpus.write(src, 40, 3);
        try (SkillDeskCore core = SkillDeskCore.open(lib, me, Map.of())) {
            ImportReport first = core.importer().importPath(me, src.resolve(listed(src).get(0).getFileName()), ImportOptions.defaults());
            assertThat(first.count(SaveOutcome.Status.CREATED)).isEqualTo(1);
            // fill the disk, leaving too little for the rest of the import
            Path filler = mount.resolve("filler.bin");
            fill(filler);
            ImportReport rest = core.importer().importPath(me, src, ImportOptions.defaults());
            assertThat(rest.refused()).as("some imports hit the full disk").isNotEmpty();
            assertThat(rest.refused().get(0).reason()).containsIgnoringCase("full");
            assertThat(rest.refused().get(0).reason()).contains(lib.toString());

            Files.delete(filler);
            ImportReport again = core.importer().importPath(me, src, ImportOptions.defaults());
            assertThat(again.refused()).as("writing works again once there is room").isEmpty();
            assertThat(core.store().count(me, SkillQuery.all())).isEqualTo(40);
            assertThat(integrity(core)).isEqualTo("ok");
        }
    }

    @Test
    void aReadOnlyLibraryIsRefusedWithAClearMessageAndLeftIntact() throws Exception {
        Path lib = mount.resolve("lib");
        Path src = dir.resolve("src");
        SyntheticCorpus.write(src, 5, 4);
        try (SkillDeskCore core = SkillDeskCore.open(lib, me, Map.of())) {
            core.importer().importPath(me, src, ImportOptions.defaults());
        }
        long size = Files.size(lib.resolve("skilldesk.db"));
        run("mount", "-o", "remount,ro", mount.toString());
        assertThatThrownBy(() -> SkillDeskCore.open(lib, me, Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(lib.toString())
                .hasMessageContaining("read-only");
        run("mount", "-o", "remount,rw", mount.toString());
        assertThat(Files.size(lib.resolve("skilldesk.db"))).isEqualTo(size);
        try (SkillDeskCore core = SkillDeskCore.open(lib, me, Map.of())) {
            assertThat(core.store().count(me, SkillQuery.all())).isEqualTo(5);
            assertThat(integrity(core)).isEqualTo("ok");
        }
    }

    private static List<Path> listed(Path src) throws IOException {
        try (var s = Files.list(src)) {
            return s.sorted().toList();
        }
    }

    private static void fill(Path file) {
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the disk is full now (ENOSPC): exactly what we wanted
        }
    }

    private static String integrity(SkillDeskCore core) {
        return core.database().withJdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
