package dev.skilldesk.library;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.store.ActivationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Claude Code's transcripts as activation history, on fixtures in its real format: the Skill tool's
 * {@code input.skill} (and the older {@code input.command}), plugin skills, failed calls, a subagent's
 * transcript, a resumed session that repeats earlier entries, and a line cut off mid-write.
 */
class ClaudeCodeHistoryTest {
    private static final Principal AUTHOR = new Principal("author", "default");

    @TempDir
    Path dir;
    SkillDeskCore core;

    @BeforeEach
    void setUp() throws IOException {
        core = SkillDeskCore.open(dir.resolve("lib"), AUTHOR, Map.of());
        Path src = dir.resolve("src");
        TestSkills.writeSkill(src, "csv-cleaner", "Clean CSV files.", "## Core Instructions\nStrip blanks.");
        TestSkills.writeSkill(src, "brainstorming", "Brainstorm before building.", "Ask questions first.");
        core.importer().importPath(AUTHOR, src, ImportOptions.defaults());
        Path other = dir.resolve("other");
        TestSkills.writeSkill(other, "pdf-tools", "Merge and split PDFs.", "Use qpdf.");
        core.importer().importPath(new Principal("carol", "shared"), other,
                new ImportOptions("shared", AccessLevel.PUBLIC, null));
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    static Path fixtures() {
        try {
            return Path.of(ClaudeCodeHistoryTest.class.getResource("/claude-code/projects").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsSkillCallsWithTheirResults() throws IOException {
        Path session = fixtures().resolve("-home-dev-shop/4f35e220-c435-4cf7-b9b9-f40426042847.jsonl");
        List<String> problems = new ArrayList<>();
        List<ClaudeCodeHistory.SkillUse> uses = ClaudeCodeHistory.read(session, problems);
        assertThat(problems).isEmpty();
        assertThat(uses).extracting(ClaudeCodeHistory.SkillUse::skill)
                .containsExactly("csv-cleaner", "superpowers:brainstorming", "ghost-skill", "csv-cleaner");
        ClaudeCodeHistory.SkillUse first = uses.get(0);
        assertThat(first.key()).isEqualTo("claude-code:toolu_01A7r2pV9gHk3yYq6bT8mN4c");
        assertThat(first.sessionId()).isEqualTo("4f35e220-c435-4cf7-b9b9-f40426042847");
        assertThat(first.at()).hasToString("2026-10-02T09:14:06.400Z");
        assertThat(first.durationMs()).isEqualTo(1252);
        assertThat(first.success()).isTrue();
        ClaudeCodeHistory.SkillUse failed = uses.get(3);
        assertThat(failed.success()).isFalse();
        assertThat(failed.error()).contains("disable-model-invocation");
    }

    @Test
    void importingTwiceRecordsEachUseOnce() throws IOException {
        ClaudeCodeHistory.Report first = core.claudeCodeHistory().importFrom(AUTHOR, fixtures());
        assertThat(first.transcripts()).isEqualTo(4);
        assertThat(first.uses()).as("the resumed session's copy of a call counts once").isEqualTo(7);
        assertThat(first.added()).isEqualTo(6);
        assertThat(first.already()).isZero();
        assertThat(first.unmatched()).containsExactly(Map.entry("ghost-skill", 1));
        assertThat(first.problems()).singleElement().asString()
                .contains("c7d1fb1a-0885-4d8b-8427-0f09a0c1a94f.jsonl:3: not a JSON line");

        List<String> rowsAfterFirst = rows();
        assertThat(rowsAfterFirst).containsExactlyInAnyOrder(
                "csv-cleaner|1|true", "csv-cleaner|1|false", "csv-cleaner|1|true", "csv-cleaner|1|true",
                "brainstorming|1|true", "pdf-tools|1|unknown"); // no tool result for pdf-tools: outcome unknown

        ClaudeCodeHistory.Report second = core.claudeCodeHistory().importFrom(AUTHOR, fixtures());
        assertThat(second.uses()).isEqualTo(7);
        assertThat(second.added()).isZero();
        assertThat(second.already()).isEqualTo(6);
        assertThat(rows()).isEqualTo(rowsAfterFirst);

        dev.skilldesk.skill.StoredActivation a = core.activationStore().find("claude-code:toolu_01H7jKl2zXc4vBn6mQw8eRt1").orElseThrow();
        assertThat(a.activation().activationType()).isEqualTo("claude_code");
        assertThat(a.activation().layerLoaded()).isEqualTo(2);
        assertThat(a.activation().tokensLoaded()).isPositive();
        assertThat(a.activation().agentId()).isEqualTo("author");
        assertThat(a.activation().activatedAt()).hasToString("2025-11-20T16:40:03Z");
    }

    @Test
    void aMissingFolderIsAClearError() {
        assertThatThrownBy(() -> core.claudeCodeHistory().importFrom(AUTHOR, dir.resolve("nope")))
                .isInstanceOf(IOException.class).hasMessageContaining("no such folder");
        assertThat(Files.exists(dir.resolve("nope"))).isFalse();
    }

    /** name|version|success of every claude_code activation, by time. */
    private List<String> rows() {
        return core.database().withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.name, a.version, a.success FROM skill_activations a"
                    + " JOIN skills s ON s.id = a.skill_id WHERE a.activation_type = 'claude_code'"
                    + " ORDER BY a.activated_at, a.id");
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    int success = rs.getInt(3);
                    String outcome = rs.wasNull() ? "unknown" : Boolean.toString(success != 0);
                    out.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + outcome);
                }
                return out;
            }
        });
    }
}
