package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.parse.SkillValidator;
import dev.skilldesk.parse.TokenCounter;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillQuery;
import dev.skilldesk.skill.WindowsNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.skilldesk.TestSkills.skillMd;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names Windows reserves (#25): CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and COM¹²³, LPT¹²³, CONIN$, CONOUT$, CLOCK$), in
 * any case, with or without an extension, and names ending in a dot or a space. As a skill's name, a namespace, or
 * a file's or folder's name inside a skill, each is refused at every entry point (a folder import, a package, the
 * library's save, validate, a namespace), with its rule.
 */
class WindowsReservedNamesTest {
    static final List<String> DEVICES = List.of("con", "prn", "aux", "nul", "com1", "com5", "com9", "com0", "lpt1",
            "lpt9", "lpt0", "conin$", "conout$", "clock$", "com\u00b9", "lpt\u00b3");

    /** Each device in three spellings: lower case, upper case, mixed case with an extension. */
    static List<String> spellings() {
        List<String> out = new ArrayList<>();
        for (String d : DEVICES) {
            out.add(d);
            out.add(d.toUpperCase(Locale.ROOT));
            out.add(Character.toUpperCase(d.charAt(0)) + d.substring(1) + ".md");
        }
        out.addAll(List.of("nul.tar.gz", "AUX .txt", "notes.", "notes ", "trailing.md.", "a:stream", "what?.md",
                "star*.md", "pipe|.md", "quote\".md", "less<.md", "more>.md"));
        return out;
    }

    @TempDir
    Path dir;
    SkillDeskCore core;
    final Principal me = new Principal("me", "default");

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir.resolve("lib"), me);
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void ordinaryNamesPass() {
        for (String ok : List.of("console.md", "auxiliary", "nullable.py", "com10", "lpt", "com", "my.con", "scripts",
                "README.md", "a.b.c", "con-artist", ".hidden", "..", ".")) {
            assertThat(WindowsNames.problem(ok)).as(ok).isNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> aFileInASkillWithAReservedNameIsRefusedOnImportWithItsRule() {
        return spellings().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path tree = dir.resolve("tree-" + Integer.toHexString(name.hashCode()));
            TestSkills.writeSkill(tree, "fine", "Fine.", "b");
            Path bad = TestSkills.writeSkill(tree, "badname", "Bad.", "b");
            Files.writeString(bad.resolve(name), "x");
            ImportReport r = core.importer().importPath(me, tree, ImportOptions.defaults());
            assertThat(r.refused()).as(name).anySatisfy(e -> {
                assertThat(e.path()).contains("badname");
                assertThat(e.reason()).contains("rule: files.reserved-name");
            });
            assertThat(names()).contains("fine").doesNotContain("badname");
        }));
    }

    @TestFactory
    Stream<DynamicTest> aFolderInASkillWithAReservedNameIsRefusedOnImport() {
        return Stream.of("aux", "CON", "Lpt1", "com3.d").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path tree = dir.resolve("dirs-" + name);
            Path bad = TestSkills.writeSkill(tree, "withdir", "Bad.", "b");
            Files.createDirectories(bad.resolve(name));
            Files.writeString(bad.resolve(name).resolve("x.md"), "x");
            ImportReport r = core.importer().importPath(me, tree, ImportOptions.defaults());
            assertThat(r.refused()).singleElement().satisfies(e -> assertThat(e.reason()).contains("files.reserved-name"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> aPackageEntryWithAReservedNameIsRefused() {
        return Stream.of("nul", "AUX.md", "Com1.txt", "scripts/lpt2.py", "notes.").map(name -> DynamicTest.dynamicTest(name, () -> {
            Path pkg = dir.resolve("p-" + Integer.toHexString(name.hashCode()) + ".skill");
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(pkg))) {
                z.putNextEntry(new ZipEntry("pkg/SKILL.md"));
                z.write(skillMd("pkg", "A package.", "b").getBytes(StandardCharsets.UTF_8));
                z.putNextEntry(new ZipEntry("pkg/" + name));
                z.write("x".getBytes(StandardCharsets.UTF_8));
            }
            ImportReport r = core.importer().importPath(me, pkg, ImportOptions.defaults());
            assertThat(r.refused()).isNotEmpty();
            assertThat(r.refused().get(0).reason()).contains("files.reserved-name");
            assertThat(names()).doesNotContain("pkg");
        }));
    }

    @TestFactory
    Stream<DynamicTest> aSkillNamedAfterADeviceIsRefusedByValidationAndImport() {
        return Stream.of("nul", "aux", "con", "prn", "com1", "lpt9", "NUL", "Com1").map(name -> DynamicTest.dynamicTest(name, () -> {
            var v = new SkillValidator(new TokenCounter()).validate(skillMd(name, "A device.", "b"), name, ValidationProfile.LENIENT);
            assertThat(v.issues()).anySatisfy(i -> assertThat(i.ruleId()).isIn("name.reserved", "name.format"));
            assertThat(SkillValidator.nameProblem(name.toLowerCase(java.util.Locale.ROOT))).contains("rule: name.reserved");
            // never stored under the name its format fix would give it either
            assertThat(SkillValidator.storedName(name)).isNull();
            Path tree = dir.resolve("skill-" + name);
            TestSkills.writeSkill(tree, name, "A device.", "b");
            ImportReport r = core.importer().importPath(me, tree, ImportOptions.defaults());
            assertThat(names()).doesNotContain(name, name.toLowerCase(java.util.Locale.ROOT));
            assertThat(r.entries()).anySatisfy(e -> assertThat(e.reason() + "").contains("reserved"));
            SaveOutcome o = core.library().save(me, new SkillDraft("test", name, skillMd(name, "A device.", "b"),
                    List.of()), SaveOptions.defaults("default"));
            assertThat(o.status()).isEqualTo(SaveOutcome.Status.REJECTED);
        }));
    }

    @Test
    void theLibrarysSaveRefusesAReservedFileNameFromAnyEntryPoint() {
        for (String bad : List.of("nul", "scripts/AUX.py", "Con.md", "references/com7.txt", "a.", "b ")) {
            byte[] x = "x".getBytes(StandardCharsets.UTF_8);
            SaveOutcome o = core.library().save(me, new SkillDraft("test", "viaapi", skillMd("viaapi", "Via the API.", "b"),
                    List.of(new dev.skilldesk.skill.SkillFile(bad, x, ContentHash.sha256(x), true))), SaveOptions.defaults("default"));
            assertThat(o.status()).as(bad).isEqualTo(SaveOutcome.Status.REJECTED);
            assertThat(o.reason()).as(bad).contains("rule: files.reserved-name");
        }
    }

    @Test
    void aNamespaceNamedAfterADeviceIsRefusedAndATopFolderOfThatNameStillGivesOne() {
        for (String ns : List.of("nul", "aux", "con", "com1", "lpt3", "prn")) {
            assertThat(Namespaces.problem(ns)).as(ns).contains("rule: namespace.reserved");
            assertThat(Namespaces.problem(Namespaces.fromFolderName(ns.toUpperCase(Locale.ROOT)))).isNull();
        }
    }

    private List<String> names() {
        return core.library().list(me, SkillQuery.all()).stream().map(s -> s.name()).sorted().toList();
    }
}
