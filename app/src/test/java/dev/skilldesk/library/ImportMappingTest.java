package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestCorpus;
import dev.skilldesk.TestSkills;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.Skill;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import keeps the shape of the tree it reads (its top folders as namespaces or personas), says first
 * what it would do with nothing written, and carries the options the author chose (access, tags, a note).
 */
class ImportMappingTest {
    private static final Principal ME = new Principal("author", "default");

    @TempDir
    Path dir;
    private SkillDeskCore core;

    @BeforeEach
    void open() {
        core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of());
    }

    @AfterEach
    void close() {
        core.close();
    }

    private ImportOptions options(ImportOptions.TreeMapping mapping) {
        return ImportOptions.defaults().withMapping(mapping);
    }

    /** The number of skill folders under each top folder of the corpus, counted here from the files. */
    private static Map<String, Long> skillsPerTopFolder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, 7)) {
            return s.filter(p -> p.getFileName().toString().equals("SKILL.md"))
                    .map(p -> root.relativize(p).getName(0).toString())
                    .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
        }
    }

    @Test
    void thePreviewOfTheCorpusCountsEachTopFolderAndWritesNothing() throws IOException {
        Path corpus = TestCorpus.root();
        Map<String, Long> expected = skillsPerTopFolder(corpus);
        long feedBefore = new dev.skilldesk.store.ChangeFeed(core.database()).latest();

        ImportReport preview = core.importer().preview(ME, corpus, options(ImportOptions.TreeMapping.NAMESPACE),
                (n, t) -> { });

        assertThat(preview.preview()).isTrue();
        assertThat(core.library().count(ME, SkillQuery.all())).isZero();
        assertThat(new dev.skilldesk.store.ChangeFeed(core.database()).latest()).as("nothing was written").isEqualTo(feedBefore);
        Map<String, Long> found = preview.byFolder().stream().collect(Collectors.toMap(ImportReport.FolderCounts::folder,
                f -> (long) f.found(), (a, b) -> a, TreeMap::new));
        assertThat(found).isEqualTo(expected);
        for (ImportReport.FolderCounts f : preview.byFolder()) {
            assertThat(f.namespace()).isEqualTo(Namespaces.fromFolderName(f.folder()));
            assertThat(f.created() + f.refused()).isEqualTo(f.found());
        }
        assertThat(preview.summary()).startsWith("preview (nothing written): ");
    }

    @Test
    void topFoldersBecomeNamespacesAndASecondPreviewSaysUnchanged() throws IOException {
        Path corpus = TestCorpus.root();
        Map<String, Long> expected = skillsPerTopFolder(corpus);
        ImportReport done = core.importer().importPath(ME, corpus, options(ImportOptions.TreeMapping.NAMESPACE));
        assertThat(done.refused()).isEmpty();

        Map<String, Long> perNamespace = core.library().list(ME, SkillQuery.all()).stream()
                .collect(Collectors.groupingBy(Skill::namespace, TreeMap::new, Collectors.counting()));
        Map<String, Long> want = new TreeMap<>();
        expected.forEach((folder, n) -> want.put(Namespaces.fromFolderName(folder), n));
        assertThat(perNamespace).isEqualTo(want);

        ImportReport again = core.importer().preview(ME, corpus, options(ImportOptions.TreeMapping.NAMESPACE), (n, t) -> { });
        assertThat(again.count(SaveOutcome.Status.UNCHANGED)).isEqualTo(done.entries().size());

        // the same tree into the flat default namespace would be all new: the mapping is part of the identity
        ImportReport flat = core.importer().preview(ME, corpus, ImportOptions.defaults(), (n, t) -> { });
        assertThat(flat.count(SaveOutcome.Status.CREATED)).isEqualTo(done.entries().size());
    }

    @Test
    void topFoldersBecomePersonasAndSkillsAtTheTopKeepTheChosenNamespace() throws IOException {
        Path tree = dir.resolve("tree");
        TestSkills.writeSkill(tree.resolve("Data Science"), "csv-cleaner", "Clean CSV files.", "b");
        TestSkills.writeSkill(tree.resolve("Data Science"), "plot-maker", "Make plots.", "b");
        TestSkills.writeSkill(tree.resolve("ops"), "log-reader", "Read logs.", "b");
        TestSkills.writeSkill(tree, "top-level", "A skill at the top itself.", "b");
        ImportOptions o = new ImportOptions("team-a", AccessLevel.TEAM, null,
                List.of("imported", "batch-1"), ImportOptions.TreeMapping.PERSONA, "first import of the tree");

        ImportReport r = core.importer().importPath(ME, tree, o);

        assertThat(r.refused()).isEmpty();
        Skill csv = core.store().find("team-a", "csv-cleaner").orElseThrow();
        assertThat(csv.persona()).isEqualTo("data-science");
        assertThat(csv.accessLevel()).isEqualTo(AccessLevel.TEAM);
        assertThat(csv.tags()).contains("imported", "batch-1");
        assertThat(core.store().find("team-a", "log-reader").orElseThrow().persona()).isEqualTo("ops");
        Skill top = core.store().find("team-a", "top-level").orElseThrow();
        assertThat(top.persona()).isEqualTo(SkillLibrary.DEFAULT_PERSONA);
        assertThat(core.library().versions(ME, "team-a", "csv-cleaner").get(0).note()).isEqualTo("first import of the tree");
        assertThat(r.byFolder()).extracting(ImportReport.FolderCounts::folder).containsExactly("", "Data Science", "ops");
    }

    @Test
    void thePreviewSaysWhatWouldChangeAndWhatWouldBeRefusedAndWhy() throws IOException {
        Path tree = dir.resolve("tree");
        TestSkills.writeSkill(tree.resolve("a"), "keeps", "Stays the same.", "b");
        Path edited = TestSkills.writeSkill(tree.resolve("a"), "edited", "Will change.", "b");
        core.importer().importPath(ME, tree, options(ImportOptions.TreeMapping.NAMESPACE));
        Files.writeString(edited.resolve("SKILL.md"), TestSkills.skillMd("edited", "Will change.", "a new body"));
        Path broken = tree.resolve("b/broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("SKILL.md"), "---\nname: broken\ndescription: no end\n# body\n");

        ImportReport p = core.importer().preview(ME, tree, options(ImportOptions.TreeMapping.NAMESPACE), (n, t) -> { });

        ImportReport.FolderCounts a = p.byFolder().stream().filter(f -> f.folder().equals("a")).findFirst().orElseThrow();
        assertThat(a.unchanged()).isEqualTo(1);
        assertThat(a.changed()).isEqualTo(1);
        ImportReport.FolderCounts b = p.byFolder().stream().filter(f -> f.folder().equals("b")).findFirst().orElseThrow();
        assertThat(b.refused()).isEqualTo(1);
        assertThat(p.refused().get(0).path()).endsWith("broken/SKILL.md".replace('/', java.io.File.separatorChar));
        assertThat(p.refused().get(0).reason()).isNotBlank();
        assertThat(core.library().versions(ME, "a", "edited")).hasSize(1);
    }

    @Test
    void aNamespaceFollowsTheNameRule() {
        assertThat(Namespaces.problem("team-a")).isNull();
        for (String bad : new String[] {"", "Team", "a b", "a/b", "..", "-a", "a-", "a--b", "a".repeat(65), "ns\n"}) {
            assertThat(Namespaces.problem(bad)).as(bad).contains("rule: " + Namespaces.RULE);
            SaveOutcome o = core.library().save(ME, new SkillDraft("t", "x-skill", TestSkills.skillMd("x-skill", "d", "b"),
                    List.of()), SaveOptions.defaults(bad));
            assertThat(o.status()).as(bad).isEqualTo(SaveOutcome.Status.REJECTED);
            assertThat(o.reason()).contains(Namespaces.RULE);
        }
        assertThat(Namespaces.fromFolderName("Scientific Skills")).isEqualTo("scientific-skills");
        assertThat(Namespaces.fromFolderName("Café_Ops!!")).isEqualTo("cafe-ops");
        assertThat(Namespaces.fromFolderName("...")).isNull();
    }
}
