package dev.skilldesk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {
    private static final Path MAIN = Path.of("app/src/main/java/dev/skilldesk");

    @Test
    void coreImportsNothingFromJavaFx() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAIN.relativize(p).toString().startsWith("ui"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("import javafx");
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertThat(offenders).as("javafx may only be imported under dev.skilldesk.ui").isEmpty();
        }
    }

    /** The tables the library's migrations create; only {@code store} writes SQL that names them. */
    private static final List<String> TABLES = List.of("skills", "skill_versions", "skill_files", "skill_activations",
            "skill_shares", "library_settings", "skills_fts", "embedding_cache", "index_state", "skill_triggers",
            "skill_installs", "library_changes", "keyword_rows_state");
    private static final java.util.regex.Pattern SQL_NAMING_A_TABLE = java.util.regex.Pattern.compile(
            "(?i)\\b(FROM|JOIN|INTO|UPDATE|TABLE|MATCH)\\s+(" + String.join("|", TABLES) + ")\\b");

    @Test
    void onlyStoreWritesSqlForTheLibrarysTables() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAIN.relativize(p).toString().startsWith("store"))
                    .filter(p -> {
                        try {
                            return SQL_NAMING_A_TABLE.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertThat(offenders).as("SQL on the library's tables outside dev.skilldesk.store").isEmpty();
        }
    }

    @Test
    void frontEndsUseTheUseCasesNotTheStore() throws IOException {
        for (String front : List.of("ui", "cli", "mcp")) {
            assertNoImport(front, "dev.skilldesk.store");
            try (Stream<Path> files = Files.walk(MAIN.resolve(front))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    try {
                        assertThat(Files.readString(p)).as(p + " reaches through to the store")
                                .doesNotContain(".store()").doesNotContain(".database()");
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
            }
        }
    }

    @Test
    void lowerLayersNeverCallUpward() throws IOException {
        // skill knows nothing; parse knows skill; store knows skill (and parse? no); then library, search and
        // analytics over store; the front ends (ui, cli, mcp) over those; bench over everything but the UI.
        List<String> above = List.of("dev.skilldesk.parse", "dev.skilldesk.store", "dev.skilldesk.library",
                "dev.skilldesk.search", "dev.skilldesk.analytics", "dev.skilldesk.telemetry", "dev.skilldesk.sources", "dev.skilldesk.agents", "dev.skilldesk.mcp", "dev.skilldesk.cli",
                "dev.skilldesk.ui", "dev.skilldesk.bench");
        assertNoImport("skill", above.toArray(String[]::new));
        assertNoImport("parse", above.subList(1, above.size()).toArray(String[]::new));
        assertNoImport("store", above.subList(2, above.size()).toArray(String[]::new));
        // the trust check is pure (text and bytes in, findings out): below the library, which runs it
        assertNoImport("audit", above.subList(1, above.size()).toArray(String[]::new));
        // the library's use cases never use search; search, analytics: no front end
        assertNoImport("library", "dev.skilldesk.search", "dev.skilldesk.analytics", "dev.skilldesk.mcp",
                "dev.skilldesk.cli", "dev.skilldesk.ui", "dev.skilldesk.bench");
        assertNoImport("search", "dev.skilldesk.library", "dev.skilldesk.analytics", "dev.skilldesk.mcp",
                "dev.skilldesk.cli", "dev.skilldesk.ui", "dev.skilldesk.bench");
        assertNoImport("analytics", "dev.skilldesk.library", "dev.skilldesk.search", "dev.skilldesk.mcp",
                "dev.skilldesk.cli", "dev.skilldesk.ui", "dev.skilldesk.bench");
        // telemetry (agents' own reports of skill use) is a use case over library and store: no front end
        assertNoImport("telemetry", "dev.skilldesk.search", "dev.skilldesk.mcp", "dev.skilldesk.cli", "dev.skilldesk.ui",
                "dev.skilldesk.bench");
        // sources (where skills come from) is a use case over library and store, with git through JGit
        assertNoImport("sources", "dev.skilldesk.search", "dev.skilldesk.mcp", "dev.skilldesk.cli", "dev.skilldesk.ui",
                "dev.skilldesk.bench");
        // the map (layout and confusable skills) is a use case over library and search: no front end
        assertNoImport("map", "dev.skilldesk.mcp", "dev.skilldesk.cli", "dev.skilldesk.ui", "dev.skilldesk.bench");
        // agents (what each agent sees, switches, lock files, scenes) is a use case over library: no front end
        assertNoImport("agents", "dev.skilldesk.search", "dev.skilldesk.mcp", "dev.skilldesk.cli", "dev.skilldesk.ui",
                "dev.skilldesk.bench");
        assertNoImport("mcp", "dev.skilldesk.cli", "dev.skilldesk.ui", "dev.skilldesk.bench");
        assertNoImport("cli", "dev.skilldesk.ui");
    }

    /** A view model gets the narrow services it uses, never the whole core (MainWindow composes them). */
    @Test
    void viewModelsTakeNarrowServices() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("ui"))) {
            files.filter(p -> p.getFileName().toString().endsWith("ViewModel.java")).forEach(p -> {
                try {
                    String src = Files.readString(p);
                    String name = p.getFileName().toString().replace(".java", "");
                    assertThat(src).as(p + " takes the whole core")
                            .doesNotContainPattern("public " + name + "\\([^)]*SkillDeskCore")
                            .doesNotContain("private final SkillDeskCore");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }

    /**
     * One access rule: {@code skill.AccessRule} states it; the store's SQL, the keyword index's Lucene filter and the
     * vector scan render it, and nothing else restates a clause of it (an access level compared by hand, an
     * {@code access_level} literal in SQL, an owner-or-visible test written out).
     */
    @Test
    void theAccessRuleIsStatedOnce() throws IOException {
        java.util.regex.Pattern restated = java.util.regex.Pattern.compile(
                "==\\s*AccessLevel\\.(TEAM|SHARED|PUBLIC|SYSTEM|PRIVATE)\\b.*namespace|access_level\\s*(=|IN)\\s*\\(?'"
                        + "|createdBy\\(\\)\\.equals\\(who\\.agentId\\(\\)\\)\\s*\\|\\||\\|\\|\\s*s\\.createdBy\\(\\)\\.equals");
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("skill/AccessRule.java")) && !p.endsWith(Path.of("store/Migrations.java")))
                    .filter(p -> {
                        try {
                            String src = Files.readString(p);
                            // a renderer of the rule writes its clauses in its own language, from the rule's data
                            return !src.contains("AccessRule.Renderer<") && src.lines().anyMatch(l -> restated.matcher(l).find());
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    })
                    .map(Path::toString).toList();
            assertThat(offenders).as("the access rule restated outside skill.AccessRule").isEmpty();
        }
    }

    /**
     * The window is a face of its own: it reaches neither the CLI, the MCP server nor the benchmark, by import or by full
     * name (the servers it switches on are the core's {@code AgentServers}, found at run time).
     */
    @Test
    void theWindowUsesNeitherTheCliTheMcpServerNorTheBenchmark() throws IOException {
        assertNoReference("ui", "dev.skilldesk.cli", "dev.skilldesk.mcp", "dev.skilldesk.bench");
    }

    /** What every feature shares ({@code ui/common}) names no feature: a feature is one package and one line. */
    @Test
    void theSharedUiNamesNoFeature() throws IOException {
        List<String> features;
        try (Stream<Path> dirs = Files.list(MAIN.resolve("ui"))) {
            features = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("common")).toList();
        }
        assertThat(features).contains("library", "search", "shell", "editor");
        assertNoReference("ui/common", features.stream().map(f -> "dev.skilldesk.ui." + f).toArray(String[]::new));
    }

    /** One desktop composition root: the only class of the window that names the core. */
    @Test
    void onlyTheCompositionRootTakesTheCore() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("ui"))) {
            List<String> naming = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return code(Files.readString(p)).contains("SkillDeskCore");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).map(p -> MAIN.relativize(p).toString().replace('\\', '/')).toList();
            assertThat(naming).containsExactly("ui/shell/DesktopRoot.java");
        }
    }

    /** The source without its comments: what the compiler reads. */
    private static String code(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    /** No file under {@code pkg} refers to {@code forbidden} packages, by import or by a fully qualified name. */
    private static void assertNoReference(String pkg, String... forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    String src = code(Files.readString(p));
                    for (String f : forbidden) {
                        assertThat(src).as(p + " must not depend on " + f).doesNotContain(f + ".");
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }

    private static void assertNoImport(String pkg, String... forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    String src = Files.readString(p);
                    for (String f : forbidden) {
                        assertThat(src).as(p + " must not depend on " + f).doesNotContain("import " + f + ".");
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
    }
}
