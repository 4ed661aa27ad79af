package dev.skilldesk.store;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FTS5 rows are written from the change feed after the save, and every FTS5 query catches them up
 * first: a skill is found by its words as soon as its save returns, deleted ones are not, a bulk change is
 * written in steps, and a feed pruned past the rows' position rebuilds them.
 */
class KeywordRowsTest {
    private static final Principal ME = new Principal("me", "default");
    @TempDir
    Path dir;

    private static void save(SkillDeskCore core, String name, String description) {
        assertThat(core.library().save(ME, new SkillDraft("t", name, TestSkills.skillMd(name, description, "body"),
                List.of()), SaveOptions.defaults("default")).stored()).isTrue();
    }

    private static List<Long> find(KeywordRows rows, String word) {
        return rows.search(ME, "\"" + word + "\"", null, null, 1_000).stream().map(KeywordRows.Match::skillId).toList();
    }

    @Test
    void neverStaleWhateverCameBefore() {
        try (SkillDeskCore core = SkillDeskCore.open(dir.resolve("lib"), ME, Map.of())) {
            KeywordRows rows = new KeywordRows(core.database());
            save(core, "walrus-tuner", "Tune the walrus choir.");
            assertThat(rows.current()).as("the save's transaction wrote no FTS5 row").isFalse();
            assertThat(find(rows, "walrus")).hasSize(1);
            assertThat(rows.current()).isTrue();

            core.library().delete(ME, "default", "walrus-tuner");
            assertThat(find(rows, "walrus")).isEmpty();
            core.library().restore(ME, "default", "walrus-tuner");
            assertThat(find(rows, "walrus")).hasSize(1);

            for (int i = 0; i < 450; i++) {
                save(core, "bulk-" + i, "Bulk skill number " + i + " about narwhals.");
            }
            assertThat(rows.catchUp()).isEqualTo(450);
            assertThat(find(rows, "narwhals")).hasSize(450);

            // the feed pruned past the rows' position: the rows are rebuilt from the tables
            save(core, "late-one", "Arrives after pruning, about kiwis.");
            core.database().withJdbc(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM library_changes WHERE seq < (SELECT max(seq) FROM library_changes)");
                }
                return null;
            });
            assertThat(find(rows, "kiwis")).hasSize(1);
            assertThat(find(rows, "narwhals")).hasSize(450);
        }
    }
}
