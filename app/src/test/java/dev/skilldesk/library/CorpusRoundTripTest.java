package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole third-party corpus goes in, and every skill comes back out byte for byte. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusRoundTripTest {
    @TempDir
    static Path dir;
    Path corpus;
    SkillDeskCore core;
    ImportReport report;
    final Principal me = new Principal("author", "default");

    @BeforeAll
    void importCorpus() {
        corpus = TestCorpus.root();
        core = SkillDeskCore.open(dir.resolve("lib"), me);
        report = core.importer().importPath(me, corpus, ImportOptions.defaults());
    }

    @AfterAll
    void close() {
        if (core != null) {
            core.close();
        }
    }

    @Test
    void everyCorpusSkillIsImported() throws IOException {
        assertThat(report.refused()).isEmpty();
        assertThat(report.count(SaveOutcome.Status.CREATED)).isEqualTo(155);
        assertThat(SkillFolderReader.findSkillFolders(corpus)).hasSize(155);
    }

    @Test
    void reimportingUnchangedContentAddsNothing() {
        ImportReport again = core.importer().importPath(me, corpus, ImportOptions.defaults());
        assertThat(again.count(SaveOutcome.Status.UNCHANGED)).isEqualTo(155);
    }

    @Test
    void everySkillExportsAsAFolderByteForByte() throws IOException {
        Path out = dir.resolve("folders");
        for (Path folder : SkillFolderReader.findSkillFolders(corpus)) {
            String name = folder.getFileName().toString();
            Path exported = core.exporter().exportFolder(me, "default", name, 0, out);
            assertThat(tree(exported)).as(name).isEqualTo(tree(folder));
        }
    }

    @Test
    void everySkillExportsAsAPackageByteForByte() throws IOException {
        Path out = dir.resolve("packages");
        for (Path folder : SkillFolderReader.findSkillFolders(corpus)) {
            String name = folder.getFileName().toString();
            Path pkg = core.exporter().exportPackage(me, "default", name, 0, out.resolve(name + ".skill"));
            Path unpacked = dir.resolve("unpacked").resolve(name);
            Files.createDirectories(unpacked);
            SafeZip.extract(pkg, unpacked);
            assertThat(unpacked.resolve(name)).as("entries sit under <name>/").isDirectory();
            assertThat(tree(unpacked.resolve(name))).as(name).isEqualTo(tree(folder));
        }
    }

    /** relative path → content, for every file of one skill (not descending into nested skills). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            for (Path f : files) {
                Path rel = root.relativize(f);
                boolean nested = false;
                for (Path p = f.getParent(); !p.equals(root); p = p.getParent()) {
                    if (Files.exists(p.resolve("SKILL.md"))) {
                        nested = true;
                    }
                }
                if (!nested) {
                    out.put(rel.toString(), dev.skilldesk.library.ContentHash.sha256(Files.readAllBytes(f)));
                }
            }
        }
        return out;
    }
}
