package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.HostileInputsTest.Entry;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/** Packages that try to escape, link, repeat or explode are refused whole, and the library is unchanged. */
class HostilePackagesTest {
    @TempDir
    Path dir;
    SkillDeskCore core;
    final Principal me = new Principal("me", "default");

    @BeforeEach
    void open() throws IOException {
        core = SkillDeskCore.open(dir.resolve("lib"), me);
        Path good = dir.resolve("good");
        dev.skilldesk.TestSkills.writeSkill(good, "existing", "Already here.", "body");
        core.importer().importPath(me, good, ImportOptions.defaults());
    }

    @AfterEach
    void close() {
        core.close();
    }

    private Path zip(String file, Entry... entries) throws IOException {
        return HostileInputsTest.zip(dir.resolve(file), entries);
    }

    private static Entry skill(String name) {
        return new Entry(name + "/SKILL.md", skillMd(name, "d", "b"));
    }

    private void assertRefused(Path pkg, String reason) {
        ImportReport r = core.importer().importPath(me, pkg, ImportOptions.defaults());
        assertThat(r.refused()).singleElement().satisfies(e -> {
            assertThat(e.reason()).contains(reason);
            assertThat(e.path()).contains(pkg.getFileName().toString());
        });
        assertThat(core.library().list(me, SkillQuery.all())).extracting(s -> s.name()).containsExactly("existing");
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
        assertThat(Path.of("/tmp/evil.txt")).doesNotExist();
    }

    @Test
    void zipSlipIsRefused() throws IOException {
        assertRefused(zip("slip.skill", skill("ok"), new Entry("ok/../../../evil.txt", "x")), "'..'");
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        assertRefused(zip("abs.zip", skill("ok"), new Entry("/tmp/evil.txt", "x")), "absolute");
        assertRefused(zip("drive.zip", skill("ok"), new Entry("C:/evil.txt", "x")), "absolute");
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        Path p = zip("dup.zip", skill("ok"), new Entry("ok/notes.md", "a"), new Entry("ok/notes2.md", "b"));
        // rename the second entry to the first, in both headers, so the archive holds the same name twice
        byte[] bytes = Files.readAllBytes(p);
        String s = new String(bytes, StandardCharsets.ISO_8859_1).replace("ok/notes2.md", "ok/notes.md\0");
        // keep lengths: "ok/notes.md\0" is as long as "ok/notes2.md"; the NUL makes the name unusable too
        Files.write(p, s.getBytes(StandardCharsets.ISO_8859_1));
        ImportReport r = core.importer().importPath(me, p, ImportOptions.defaults());
        assertThat(r.refused()).isNotEmpty();
        assertThat(core.library().list(me, SkillQuery.all())).hasSize(1);
    }

    @Test
    void duplicateNamesAreRefused() throws IOException {
        // java.util.zip will not write a duplicate, so write the second entry under a same-length placeholder
        Path p = zip("dup2.zip", skill("ok"), new Entry("ok/a.md", "a"), new Entry("ok/b.md", "b"));
        byte[] bytes = Files.readAllBytes(p);
        String s = new String(bytes, StandardCharsets.ISO_8859_1).replace("ok/b.md", "ok/a.md");
        Files.write(p, s.getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(p, "appears twice");
    }

    @Test
    void symlinksAreRefused() throws IOException {
        Path p = zip("link.zip", skill("ok"), new Entry("ok/passwd", "/etc/passwd"));
        markLastEntryAsUnixSymlink(p);
        assertRefused(p, "links are not allowed");
    }

    @Test
    void zipBombsAreRefused() throws IOException {
        byte[] noise = new byte[(int) SafeZip.MAX_ENTRY_BYTES + 1024];
        new java.util.Random(7).nextBytes(noise); // incompressible: only the size cap can stop it
        assertRefused(zip("big.zip", skill("ok"), new Entry("ok/noise.bin", noise)), "more than");
        byte[] ratio = new byte[5 * 1024 * 1024];
        assertRefused(zip("ratio.zip", skill("ok"), new Entry("ok/zeros.bin", ratio)), "compression ratio");
    }

    @Test
    void thousandsOfTinyFilesAreRefused() throws IOException {
        Entry[] many = new Entry[SafeZip.MAX_ENTRIES + 1];
        many[0] = skill("ok");
        for (int i = 1; i < many.length; i++) {
            many[i] = new Entry("ok/f" + i + ".txt", "x");
        }
        assertRefused(zip("many.zip", many), "entries");
    }

    @Test
    void aSkillFolderWithALinkIsRefusedAndTheRestGoesOn() throws IOException {
        Path tree = dir.resolve("tree");
        dev.skilldesk.TestSkills.writeSkill(tree, "fine", "Fine.", "b");
        Path bad = dev.skilldesk.TestSkills.writeSkill(tree, "linked", "Linked.", "b");
        Files.createSymbolicLink(bad.resolve("secret"), Path.of("/etc/hostname"));
        ImportReport r = core.importer().importPath(me, tree, ImportOptions.defaults());
        assertThat(r.count(SaveOutcome.Status.CREATED)).isEqualTo(1);
        assertThat(r.refused()).singleElement().satisfies(e -> {
            assertThat(e.path()).contains("linked");
            assertThat(e.reason()).contains("files.link");
        });
    }

    @Test
    void invalidUtf8IsRefusedWithItsRule() throws IOException {
        Path tree = dir.resolve("bin");
        Path d = Files.createDirectories(tree.resolve("binary"));
        Files.write(d.resolve("SKILL.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        ImportReport r = core.importer().importPath(me, tree, ImportOptions.defaults());
        assertThat(r.refused()).singleElement().satisfies(e -> assertThat(e.reason()).contains("encoding.utf8"));
    }

    private static void markLastEntryAsUnixSymlink(Path zip) throws IOException {
        HostileInputsTest.markLastEntryAsUnixSymlink(zip);
    }
}
