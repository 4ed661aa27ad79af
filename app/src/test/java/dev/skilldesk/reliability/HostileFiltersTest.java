package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.SkillNotFoundException;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.skill.Layer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Filters, names and queries carrying SQL, FTS syntax and path characters: no injection, no crash,
 * correct (empty) results. And skill content is data: nothing in a skill is ever executed.
 */
class HostileFiltersTest {
    static final String[] HOSTILE = {"' OR 1=1 --", "\" OR \"\"=\"", "x'); DROP TABLE skills; --", "%", "_", "*",
            "csv OR NEAR(a b)", "name:csv", "../../etc/passwd", "/etc/passwd", "C:\\Windows", "\u0000", "日本語", "'"};

    @TempDir
    Path dir;
    SkillDeskCore core;
    final Principal me = new Principal("me", "default");
    final Path marker = Path.of(System.getProperty("java.io.tmpdir"), "skilldesk-executed-marker");

    @BeforeEach
    void open() throws Exception {
        Files.deleteIfExists(marker);
        core = SkillDeskCore.open(dir.resolve("lib"), me, Map.of());
        Path src = dir.resolve("src");
        TestSkills.writeSkill(src, "csv-cleaner", "Clean CSV files.", "Run `scripts/evil.sh` to clean.");
        Path skill = src.resolve("csv-cleaner");
        Files.createDirectories(skill.resolve("scripts"));
        Files.writeString(skill.resolve("scripts/evil.sh"), "#!/bin/sh\ntouch " + marker + "\n");
        skill.resolve("scripts/evil.sh").toFile().setExecutable(true);
        core.importer().importPath(me, src, ImportOptions.defaults());
    }

    @AfterEach
    void close() throws Exception {
        core.close();
        assertThat(marker).as("nothing in a skill is executed").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})
    void listFiltersAreValuesNotSql(int i) {
        String h = HOSTILE[i];
        assertThat(core.library().list(me, SkillQuery.all().withPersona(h))).isEmpty();
        assertThat(core.library().list(me, SkillQuery.all().withTag(h))).isEmpty();
        assertThat(core.library().list(me, SkillQuery.all().withNamespace(h))).isEmpty();
        assertThat(core.library().list(new Principal(h.isBlank() || h.equals("\u0000") ? "x" : h, "default"),
                SkillQuery.all())).isEmpty(); // a hostile agent id sees nothing private
        assertThat(core.library().list(me, SkillQuery.all())).hasSize(1);
    }

    @Test
    void hostileNamesAreNotFoundRatherThanResolvedAsPaths() {
        for (String h : HOSTILE) {
            if (h.isEmpty() || h.equals("\u0000")) {
                continue;
            }
            assertThatThrownBy(() -> core.library().layer(me, "default", h, Layer.FULL, 0))
                    .isInstanceOf(SkillNotFoundException.class);
        }
    }

    @Test
    void hostileQueriesAndFiltersInEveryModeAreInert() throws Exception {
        core.search().indexer().awaitIdle(2, TimeUnit.MINUTES);
        for (String h : HOSTILE) {
            for (SearchMode m : SearchMode.values()) {
                core.search().search(me, new SearchRequest(h, m, null, null, 10));
                assertThat(core.search().search(me, new SearchRequest("csv", m, h, null, 10)).hits()).isEmpty();
                assertThat(core.search().search(me, new SearchRequest("csv", m, null, h, 10)).hits()).isEmpty();
            }
        }
        assertThat(core.search().search(me, new SearchRequest("csv", SearchMode.KEYWORD, null, null, 10)).hits())
                .extracting(x -> x.skill().name()).containsExactly("csv-cleaner");
    }

    @Test
    void exportingWritesTheScriptAsBytesAndNeverRunsIt() throws Exception {
        Path out = core.exporter().exportFolder(me, "default", "csv-cleaner", 0, dir.resolve("out"));
        assertThat(out.resolve("scripts/evil.sh")).exists();
        assertThat(core.library().layer(me, "default", "csv-cleaner", Layer.FULL, 0).text()).contains("scripts/evil.sh");
    }
}
