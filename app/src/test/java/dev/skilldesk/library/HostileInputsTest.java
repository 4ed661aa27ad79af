package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.PreparedStatement;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs nobody here wrote, by class: paths that escape, sizes that explode, names with backslashes and
 * control characters, links at the export target, zips that hide entries, install leftovers, special files.
 * Each is refused with its path and rule, the rest of the import goes on, and nothing stored is lost.
 */
class HostileInputsTest {
    @TempDir
    Path dir;
    SkillDeskCore core;
    final Principal me = new Principal("me", "default");

    @BeforeEach
    void open() throws IOException {
        core = SkillDeskCore.open(dir.resolve("lib"), me);
        Path good = dir.resolve("good");
        TestSkills.writeSkill(good, "existing", "Already here.", "body");
        assertThat(core.importer().importPath(me, good, ImportOptions.defaults()).refused()).isEmpty();
    }

    @AfterEach
    void close() {
        core.close();
    }

    private List<String> names() {
        return core.library().list(me, SkillQuery.all()).stream().map(s -> s.name()).sorted().toList();
    }

    private ImportReport importPath(Path p) {
        return core.importer().importPath(me, p, ImportOptions.defaults());
    }

    // ---- 1. paths built from input stay inside their parent ------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"...skill", "...zip", "..skill", ". .skill", ".skill", "....skill", "..\\..\\x.skill", "a\nb.skill"})
    void aPackageNamedToClimbUnpacksInAFreshFolderOfItsOwn(String fileName) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String marker = "marker-" + UUID.randomUUID();
        // a stray skill lying in the temp folder must not be picked up by the import
        Path stray = TestSkills.writeSkill(tmp, "stray-" + UUID.randomUUID().toString().substring(0, 8), "Stray.", "b");
        try {
            Path pkg = zip(dir.resolve(fileName), new Entry("pkgskill/SKILL.md", skillMd("pkgskill", "From a package.", "b")),
                    new Entry("pkgskill/" + marker + ".txt", "x"));
            ImportReport r = importPath(pkg);
            assertThat(r.refused()).isEmpty();
            assertThat(r.count(SaveOutcome.Status.CREATED)).isEqualTo(1);
            assertThat(names()).containsExactly("existing", "pkgskill");
            assertThat(tmp.resolve("pkgskill")).doesNotExist();
            try (Stream<Path> s = Files.walk(tmp, 3)) {
                assertThat(s.filter(p -> p.getFileName().toString().startsWith(marker)).toList())
                        .as("nothing of the package is left in or above the temp folder").isEmpty();
            }
        } finally {
            FileTrees.delete(stray);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"...skill", "hello.skill", "..zip"})
    void validateReadsAPackagesOwnSkillsNeverTheFolderAroundIt(String fileName) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pkgs"));
        TestSkills.writeSkill(folder, "neighbour", "Lies beside the package.", "b");
        Path pkg = zip(folder.resolve(fileName), new Entry("hello/SKILL.md", skillMd("hello",
                "Says hello inside a package. Use when greeting someone.", "b")));
        ValidationReport v = ValidationReport.of(List.of(pkg), dev.skilldesk.parse.ValidationProfile.LENIENT);
        assertThat(v.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(pkg + "!/hello/SKILL.md");
            assertThat(f.issues()).isEmpty();
        });
        Path bad = zip(folder.resolve("bad-" + fileName), new Entry("x/SKILL.md", skillMd("x", "d", "b")),
                new Entry("x/../../evil", "x"));
        assertThat(ValidationReport.of(List.of(bad), dev.skilldesk.parse.ValidationProfile.LENIENT).files())
                .singleElement().satisfies(f -> assertThat(f.issues().get(0).ruleId()).isEqualTo("files.path-escape"));
        Path notASkill = Files.writeString(folder.resolve("notes.txt"), "x");
        assertThat(ValidationReport.of(List.of(notASkill), dev.skilldesk.parse.ValidationProfile.LENIENT).errorCount())
                .isEqualTo(1);
    }

    @Test
    void namesFromInputAreOnePlainNameInsideTheirParent() {
        for (String bad : List.of("..", ".", "", "a/b", "a\\b", "x\ny", "/etc", "\u0000")) {
            assertThatThrownBy(() -> FileNames.child(dir, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FileNames.child(dir, "ok-name")).isEqualTo(dir.toAbsolutePath().normalize().resolve("ok-name"));
    }

    // ---- 2. sizes are checked before reading ---------------------------------------------------

    @Test
    void aSparseSkillMdOfThreeGigabytesIsRefusedUnreadAndTheOthersAreImported() throws IOException {
        Path tree = dir.resolve("tree");
        TestSkills.writeSkill(tree, "before", "Before.", "b");
        sparse(Files.createDirectories(tree.resolve("huge")).resolve("SKILL.md"), 3L << 30);
        TestSkills.writeSkill(tree, "zafter", "After.", "b");
        Path bigResource = TestSkills.writeSkill(tree, "big-resource", "Big file.", "b");
        sparse(bigResource.resolve("data.bin"), 3L << 30);
        Path justOver = Files.createDirectories(tree.resolve("just-over"));
        sparse(justOver.resolve("SKILL.md"), SkillFolderReader.MAX_SKILL_MD_BYTES + 1);

        ImportReport r = importPath(tree);
        assertThat(names()).containsExactly("before", "existing", "zafter");
        assertThat(r.refused()).hasSize(3);
        assertThat(reason(r, "huge")).contains("huge/SKILL.md", "3221225472 bytes", "content.too-large");
        assertThat(reason(r, "big-resource")).contains("data.bin", "files.too-large");
        assertThat(reason(r, "just-over")).contains("content.too-large");

        ValidationReport v = ValidationReport.of(List.of(tree), dev.skilldesk.parse.ValidationProfile.LENIENT);
        assertThat(v.files()).extracting(ValidationReport.FileResult::path)
                .anySatisfy(p -> assertThat(p).endsWith("huge/SKILL.md"));
        assertThat(v.files().stream().filter(f -> f.path().endsWith("huge/SKILL.md")).findFirst().orElseThrow().issues())
                .singleElement().satisfies(i -> assertThat(i.ruleId()).isEqualTo("content.too-large"));
        assertThat(v.files()).hasSize(5);
    }

    @Test
    void theWatcherRefusesAHugeSkillAndGoesOnImporting() throws Exception {
        Path watched = Files.createDirectories(dir.resolve("watched"));
        List<ImportReport.Entry> seen = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        WatchedFolderImporter importer = new WatchedFolderImporter(core.importer(), core.installs(), me,
                ImportOptions.defaults());
        try (SkillFolderWatcher w = new SkillFolderWatcher(watched, Duration.ofMillis(100),
                f -> seen.addAll(importer.importFolder(f)), (f, e) -> errors.add(f + ": " + e))) {
            w.start();
            sparse(Files.createDirectories(watched.resolve("huge")).resolve("SKILL.md"), 3L << 30);
            waitFor(() -> seen.stream().anyMatch(e -> e.path().contains("huge")));
            TestSkills.writeSkill(watched, "later", "Comes after the huge one.", "b");
            waitFor(() -> names().contains("later"));
            assertThat(w.running()).isTrue();
        }
        assertThat(seen.stream().filter(e -> e.path().contains("huge")).findFirst().orElseThrow().reason())
                .contains("content.too-large");
        assertThat(errors).isEmpty();
    }

    // ---- 3. backslashes and control characters in names -----------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"..\\..\\x", "a\\b", "back\\slash.md", "new\nline.md", "bell\u0007.md", "tab\there.md",
            "sep\u2028.md", "del\u007f.md", "cr\r.md", "esc\u001b[31m.md"})
    void aFileNameWithABackslashOrAControlCharacterIsRefusedWithItsPathAndRule(String fileName) throws IOException {
        Path tree = dir.resolve("names");
        TestSkills.writeSkill(tree, "fine", "Fine.", "b");
        Path bad = TestSkills.writeSkill(tree, "badname", "Bad.", "b");
        Files.writeString(bad.resolve(fileName), "x");
        ImportReport r = importPath(tree);
        assertThat(names()).containsExactly("existing", "fine");
        assertThat(reason(r, "badname")).contains("badname/", "rule: files.name");
        assertThat(reason(r, "badname")).doesNotContain("\n", "\r");
    }

    @Test
    void aFolderNameWithABackslashIsRefusedAndABackslashBesideASlashIsNoConstraintError() throws IOException {
        Path tree = dir.resolve("folders");
        Path s1 = TestSkills.writeSkill(tree, "slashes", "Slashes.", "b");
        Files.createDirectories(s1.resolve("a"));
        Files.writeString(s1.resolve("a/b"), "slash");
        Files.writeString(s1.resolve("a\\b"), "backslash");
        Path s2 = TestSkills.writeSkill(tree, "subdir", "Sub.", "b");
        Files.createDirectories(s2.resolve("sub\\dir"));
        Files.writeString(s2.resolve("sub\\dir/file.md"), "x");
        ImportReport r = importPath(tree);
        assertThat(names()).containsExactly("existing");
        assertThat(reason(r, "slashes")).contains("a\\b", "files.name").doesNotContain("constraint", "SQLITE");
        assertThat(reason(r, "subdir")).contains("sub\\dir", "files.name");
    }

    @Test
    void theStoreRefusesBadPathsFromAnyEntryPoint() {
        for (String bad : List.of("../x", "a\\b", "/abs", "x/../../y", "a//b", "./a", "n\nl", "SKILL.md")) {
            SaveOutcome o = core.library().save(me, new SkillDraft("test", "viaapi",
                    skillMd("viaapi", "Via the API.", "b"), List.of(file(bad))), SaveOptions.defaults("default"));
            assertThat(o.status()).as(bad).isEqualTo(SaveOutcome.Status.REJECTED);
            assertThat(o.reason()).as(bad).contains("rule: files.");
        }
        SaveOutcome dup = core.library().save(me, new SkillDraft("test", "viaapi", skillMd("viaapi", "Via the API.", "b"),
                List.of(file(Normalizer.normalize("caf\u00e9.md", Normalizer.Form.NFC)),
                        file(Normalizer.normalize("caf\u00e9.md", Normalizer.Form.NFD)))), SaveOptions.defaults("default"));
        assertThat(dup.reason()).contains("files.duplicate");
        assertThat(names()).containsExactly("existing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "a\\b", "..\\..\\x", "/etc/evil", "sub/../../x", "new\nline", "a//b", "SKILL.md"})
    void exportsNeverWriteAStoredPathThatImportWouldRefuse(String legacyPath) throws IOException {
        Path src = TestSkills.writeSkill(dir.resolve("src"), "legacy", "Stored before the rule.", "b");
        Files.writeString(src.resolve("notes.md"), "n");
        assertThat(importPath(src).refused()).isEmpty();
        // a row written before the file-name rule existed (or by another tool)
        core.database().withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE skill_files SET path = ? WHERE path = 'notes.md'")) {
                ps.setString(1, legacyPath);
                return ps.executeUpdate();
            }
        });
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> core.exporter().exportFolder(me, "default", "legacy", 0, out))
                .isInstanceOf(IOException.class).hasMessageContaining("nothing was exported").hasMessageContaining("rule: files.");
        assertThatThrownBy(() -> core.exporter().exportPackage(me, "default", "legacy", 0, out.resolve("legacy.skill")))
                .isInstanceOf(IOException.class).hasMessageContaining("rule: files.");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.toList()).as("nothing written").isEmpty();
        }
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.getParent().resolve("x")).doesNotExist();
    }

    @Test
    void whatAFolderExportWritesAPackageExportWritesAndImportTakesBack() throws IOException {
        Path src = TestSkills.writeSkill(dir.resolve("src"), "roundtrip", "Round trip.", "b");
        Files.createDirectories(src.resolve("scripts/deep"));
        Files.writeString(src.resolve("scripts/deep/run.sh"), "echo hi\n");
        Files.writeString(src.resolve("caf\u00e9 & spaces.md"), "unicode ok\n");
        assertThat(importPath(src).refused()).isEmpty();
        Path pkg = core.exporter().exportPackage(me, "default", "roundtrip", 0, dir.resolve("out/roundtrip.skill"));
        Path folder = core.exporter().exportFolder(me, "default", "roundtrip", 0, dir.resolve("outdir"));
        assertThat(folder.resolve("scripts/deep/run.sh")).hasContent("echo hi");
        try (SkillDeskCore other = SkillDeskCore.open(dir.resolve("lib2"), me)) {
            assertThat(other.importer().importPath(me, pkg, ImportOptions.defaults()).refused()).isEmpty();
            assertThat(other.importer().importPath(me, folder, ImportOptions.defaults()).count(SaveOutcome.Status.UNCHANGED))
                    .isEqualTo(1);
        }
    }

    // ---- 4. no export writes through a link -----------------------------------------------------

    @Test
    void exportRefusesALinkAtItsTarget() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("existing"), elsewhere);
        assertThatThrownBy(() -> core.exporter().exportFolder(me, "default", "existing", 0, out))
                .hasMessageContaining("symbolic link").hasMessageContaining("files.link");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Files.createSymbolicLink(out.resolve("existing.skill"), victim);
        assertThatThrownBy(() -> core.exporter().exportPackage(me, "default", "existing", 0, out.resolve("existing.skill")))
                .hasMessageContaining("symbolic link");
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(victim).hasContent("keep me");
        assertThat(Files.isSymbolicLink(out.resolve("existing.skill"))).isTrue();
        // install refuses it too
        Path agent = Files.createDirectories(dir.resolve("agent"));
        Files.createSymbolicLink(agent.resolve("existing"), elsewhere);
        assertThatThrownBy(() -> core.installs().install(me, "default", "existing", 0, agent)).isInstanceOf(IOException.class);
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    // ---- 5. zip rules judged by normalized names, read by a real zip reader ------------------

    @ParameterizedTest
    @ValueSource(strings = {"x/./SKILL.md", "x//SKILL.md", "./x/SKILL.md", "x/././SKILL.md", "x/.//SKILL.md"})
    void duplicateEntriesSpelledDifferentlyAreRefused(String hidden) throws IOException {
        Path p = zip(dir.resolve("dup.skill"), new Entry("x/SKILL.md", skillMd("x", "Visible.", "visible")),
                new Entry(hidden, skillMd("x", "Hidden.", "hidden")));
        assertRefused(p, "files.duplicate");
    }

    @Test
    void entriesThatAreTheSameFileByUnicodeOrAFileUnderAFileAreRefused() throws IOException {
        assertRefused(zip(dir.resolve("nfc.skill"), new Entry("x/SKILL.md", skillMd("x", "d", "b")),
                new Entry("x/" + Normalizer.normalize("caf\u00e9", Normalizer.Form.NFC), "1"),
                new Entry("x/" + Normalizer.normalize("caf\u00e9", Normalizer.Form.NFD), "2")), "files.duplicate");
        assertRefused(zip(dir.resolve("fileunderfile.skill"), new Entry("x/SKILL.md", skillMd("x", "d", "b")),
                new Entry("x/a", "file"), new Entry("x/a/b", "under a file")), "files.duplicate");
        assertRefused(zip(dir.resolve("dirandfile.skill"), new Entry("x/SKILL.md", skillMd("x", "d", "b")),
                new Entry("x/a/", ""), new Entry("x/a", "file")), "files.duplicate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\\..\\..\\evil.txt", "x/a\\b", "x/new\nline", "x/bell\u0007", "x/../../evil.txt", "/x/abs"})
    void entryNamesBreakingTheFileNameRuleAreRefused(String name) throws IOException {
        assertRefused(zip(dir.resolve("names.zip"), new Entry("x/SKILL.md", skillMd("x", "d", "b")), new Entry(name, "x")),
                "rule: files.");
    }

    @Test
    void aLinkBehindAFakeEndRecordInTheCommentIsStillALink() throws IOException {
        Path p = zip(dir.resolve("fake-eocd.zip"), new Entry("x/SKILL.md", skillMd("x", "d", "b")),
                new Entry("x/passwd", "/etc/passwd"));
        markLastEntryAsUnixSymlink(p);
        appendFakeEndRecordAsComment(p);
        assertRefusedAny(p);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aLinkBehindAZip64EndRecordIsStillALink() throws IOException {
        Path p = zip(dir.resolve("zip64.zip"), new Entry("x/SKILL.md", skillMd("x", "d", "b")),
                new Entry("x/passwd", "/etc/passwd"));
        markLastEntryAsUnixSymlink(p);
        toZip64EndRecord(p);
        assertRefused(p, "links are not allowed");
    }

    @Test
    void fifoAndDeviceEntriesAreRefused() throws IOException {
        for (int mode : new int[] {0010644, 0020644, 0060644, 0140644}) {
            Path p = zip(dir.resolve("special-" + Integer.toOctalString(mode) + ".zip"),
                    new Entry("x/SKILL.md", skillMd("x", "d", "b")), new Entry("x/special", ""));
            setLastEntryUnixMode(p, mode);
            assertRefused(p, "files.not-regular");
        }
    }

    @Test
    void garbageAndTruncatedArchivesAreRefusedWithAClearReason() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.skill"), "this is not a zip".getBytes(StandardCharsets.UTF_8));
        assertRefused(garbage, "refused");
        Path p = zip(dir.resolve("trunc.skill"), new Entry("x/SKILL.md", skillMd("x", "d", "b")));
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
        assertRefused(p, "refused");
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        assertRefused(empty, "refused");
    }

    // ---- 6. install leftovers ---------------------------------------------------------------------

    @Test
    void anInstallKilledBetweenItsTwoRenamesIsRestoredAndLeftoversAreNeverImported() throws IOException {
        Path agent = Files.createDirectories(dir.resolve("agent"));
        core.installs().install(me, "default", "existing", 0, agent);
        // as a kill after the old copy was moved aside: the copy only in old/, the new one half-written
        long dead = deadPid();
        Path leftover = Files.createDirectories(agent.resolve(".skilldesk-install-" + dead + "-123"));
        Files.createDirectories(leftover.resolve("old"));
        Files.move(agent.resolve("existing"), leftover.resolve("old/existing"));
        TestSkills.writeSkill(leftover.resolve("new"), "existing", "Half written.", "b");
        // another leftover with a complete new copy in place, and one of an older SkillDesk (no pid)
        Path other = Files.createDirectories(agent.resolve(".skilldesk-install-" + dead + "-456"));
        TestSkills.writeSkill(other.resolve("new"), "ghost", "Must never be imported.", "b");
        Path legacy = Files.createDirectories(agent.resolve(".skilldesk-install-9876543210"));
        TestSkills.writeSkill(legacy, "legacy-ghost", "Must never be imported.", "b");
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        ImportReport r = importPath(agent);
        assertThat(names()).containsExactly("existing");
        assertThat(agent.resolve("existing/SKILL.md")).exists();
        assertThat(Files.readString(agent.resolve("existing/SKILL.md"))).contains("Already here.");
        try (Stream<Path> s = Files.list(agent)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("existing");
        }
        assertThat(r.skipped()).extracting(ImportReport.Skip::reason).anySatisfy(s -> assertThat(s)
                .contains("interrupted install", "put the previous copy of existing back"));
        assertThat(core.installs().status(me)).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(Installs.State.IN_SYNC));
    }

    @Test
    void aLiveInstallsWorkingFolderIsLeftAloneAndNotImported() throws IOException {
        Path agent = Files.createDirectories(dir.resolve("agent"));
        Path live = Files.createDirectories(agent.resolve(".skilldesk-install-" + ProcessHandle.current().pid() + "-1"));
        TestSkills.writeSkill(live.resolve("new"), "in-progress", "Being written.", "b");
        TestSkills.writeSkill(agent, "real", "A real skill.", "b");
        ImportReport r = importPath(agent);
        assertThat(names()).containsExactly("existing", "real");
        assertThat(live).exists();
        assertThat(r.skipped()).extracting(ImportReport.Skip::reason).anySatisfy(s -> assertThat(s).contains("still running"));
    }

    // ---- 13. nothing is skipped without a word ------------------------------------------------

    @Test
    void aSkillMdThatIsALinkOrAFifoIsReportedWithItsRule() throws Exception {
        Path tree = dir.resolve("special");
        Path linked = Files.createDirectories(tree.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("SKILL.md"), dir.resolve("good/existing/SKILL.md"));
        Path fifo = Files.createDirectories(tree.resolve("fifo"));
        mkfifo(fifo.resolve("SKILL.md"));
        Path fifoResource = TestSkills.writeSkill(tree, "fifo-resource", "Has a FIFO inside.", "b");
        mkfifo(fifoResource.resolve("pipe"));
        TestSkills.writeSkill(tree, "fine", "Fine.", "b");

        ImportReport r = importPath(tree);
        assertThat(names()).containsExactly("existing", "fine");
        assertThat(reason(r, "linked")).contains("linked/SKILL.md", "files.link");
        assertThat(reason(r, "fifo/SKILL.md")).contains("files.not-regular");
        assertThat(reason(r, "fifo-resource")).contains("pipe", "files.not-regular");

        ValidationReport v = ValidationReport.of(List.of(fifo.resolve("SKILL.md")), dev.skilldesk.parse.ValidationProfile.LENIENT);
        assertThat(v.errorCount()).isPositive();
        ValidationReport v2 = ValidationReport.of(List.of(tree), dev.skilldesk.parse.ValidationProfile.LENIENT);
        assertThat(v2.files()).extracting(ValidationReport.FileResult::path)
                .anySatisfy(p -> assertThat(p).endsWith("linked/SKILL.md"))
                .anySatisfy(p -> assertThat(p).endsWith("fifo/SKILL.md"));
    }

    @Test
    void anUnreadableFolderIsReported() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root reads every folder");
        Path tree = dir.resolve("locked");
        TestSkills.writeSkill(tree, "fine", "Fine.", "b");
        Path locked = Files.createDirectories(tree.resolve("closed"));
        locked.toFile().setReadable(false);
        try {
            ImportReport r = importPath(tree);
            assertThat(r.skipped()).extracting(ImportReport.Skip::path).anySatisfy(p -> assertThat(p).contains("closed"));
        } finally {
            locked.toFile().setReadable(true);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private void assertRefused(Path pkg, String reason) {
        List<String> before = names();
        ImportReport r = importPath(pkg);
        assertThat(r.refused()).as(pkg.getFileName().toString()).singleElement().satisfies(e -> {
            assertThat(e.reason()).contains(reason);
            assertThat(e.path()).contains(pkg.getFileName().toString());
        });
        assertThat(names()).isEqualTo(before);
    }

    private void assertRefusedAny(Path pkg) {
        List<String> before = names();
        ImportReport r = importPath(pkg);
        assertThat(r.refused()).isNotEmpty();
        assertThat(r.count(SaveOutcome.Status.CREATED)).isZero();
        assertThat(names()).isEqualTo(before);
    }

    private static String reason(ImportReport r, String pathPart) {
        return r.refused().stream().filter(e -> e.path().contains(pathPart)).map(e -> e.path() + ": " + e.reason())
                .findFirst().orElseThrow(() -> new AssertionError("no refusal for " + pathPart + " in " + r.entries()));
    }

    private static dev.skilldesk.skill.SkillFile file(String path) {
        byte[] b = "x".getBytes(StandardCharsets.UTF_8);
        return new dev.skilldesk.skill.SkillFile(path, b, ContentHash.sha256(b), true);
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    static void mkfifo(Path p) throws Exception {
        Process pr = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(pr.waitFor()).isZero();
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(25);
        }
    }

    record Entry(String name, byte[] bytes) {
        Entry(String name, String text) {
            this(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Path zip(Path p, Entry... entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Entry e : entries) {
                z.putNextEntry(new ZipEntry(e.name()));
                z.write(e.bytes());
                z.closeEntry();
            }
        }
        return p;
    }

    private static List<Integer> centralRecords(ByteBuffer buf, int length) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 <= length; i++) {
            if (buf.getInt(i) == 0x02014b50) {
                out.add(i);
            }
        }
        return out;
    }

    static void markLastEntryAsUnixSymlink(Path zip) throws IOException {
        setLastEntryUnixMode(zip, 0120777);
    }

    static void setLastEntryUnixMode(Path zip, int mode) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> cds = centralRecords(buf, b.length);
        int last = cds.get(cds.size() - 1);
        buf.putShort(last + 4, (short) ((3 << 8) | 20));
        buf.putInt(last + 38, mode << 16);
        Files.write(zip, b);
    }

    private static int eocd(ByteBuffer buf, int length) {
        for (int i = length - 22; i >= 0; i--) {
            if (buf.getInt(i) == 0x06054b50) {
                return i;
            }
        }
        throw new AssertionError("no end record");
    }

    /** Gives the archive a comment that holds a second, fake end record claiming an empty central directory. */
    static void appendFakeEndRecordAsComment(Path zip) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int end = eocd(buf, b.length);
        ByteBuffer fake = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        fake.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt(0).putShort((short) 0);
        byte[] out = new byte[end + 22 + 22];
        System.arraycopy(b, 0, out, 0, end + 20);
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        o.putShort(end + 20, (short) 22); // comment length
        System.arraycopy(fake.array(), 0, out, end + 22, 22);
        Files.write(zip, out);
    }

    /** Rewrites the end of the archive as zip64: the classic end record's offsets say 0xFFFFFFFF. */
    static void toZip64EndRecord(Path zip) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int end = eocd(buf, b.length);
        int entries = buf.getShort(end + 10) & 0xffff;
        long cdSize = buf.getInt(end + 12) & 0xffffffffL;
        long cdOffset = buf.getInt(end + 16) & 0xffffffffL;
        ByteBuffer z = ByteBuffer.allocate(56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        long z64At = end;
        z.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(entries).putLong(entries).putLong(cdSize).putLong(cdOffset);
        z.putInt(0x07064b50).putInt(0).putLong(z64At).putInt(1);
        z.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 0xffff).putShort((short) 0xffff)
                .putInt(0xffffffff).putInt(0xffffffff).putShort((short) 0);
        byte[] out = new byte[end + z.capacity()];
        System.arraycopy(b, 0, out, 0, end);
        System.arraycopy(z.array(), 0, out, end, z.capacity());
        Files.write(zip, out);
    }
}
