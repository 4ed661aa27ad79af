package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.Rules;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MCP server gives agents only skills that pass the library's rules: the tools' listing and search leave a
 * skill that needs fixes out, loading it is refused with its findings; the Skills Extension's listings leave it out
 * and reading its resources is refused with them. The same skill fixed is served at once.
 */
class SkillsThatNeedFixesStayFromAgentsTest {
    private static final Principal ME = new Principal("me", "home");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 1,100 characters of description: over the limit of 1,024 (the claude-api skill's error). */
    private static final String WORDY = TestSkills.skillMd("wordy", "Explains things at length. Use when asked."
            + " Words".repeat(180), "# Wordy\n\nSay it all.");

    @TempDir
    Path dir;
    SkillDeskCore core;
    SkillTools tools;
    SkillsExtension extension;

    @BeforeEach
    void setUp() {
        core = SkillDeskCore.open(dir, ME, Map.of());
        save(TestSkills.skillMd("brief", "Explains things in a line. Use when asked for a short answer.", "# Brief"));
        save(WORDY);
        tools = new SkillTools(core.library(), core::search, core.activations(), ME, Clock.systemUTC(), Duration.ZERO);
        extension = new SkillsExtension(core.library(), core.activations(), ME, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    private void save(String content) {
        core.library().save(ME, new SkillDraft("t", null, content, List.of()),
                new SaveOptions("home", AccessLevel.PRIVATE, null));
    }

    @Test
    void theToolsLeaveItOutAndRefuseToLoadItNamingTheFinding() {
        assertThat(core.library().find("home", "wordy").orElseThrow().needsFixes()).isTrue();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) tools.call("list_skills", Map.of()).body().get("skills");
        assertThat(listed).extracting(m -> m.get("name")).containsExactly("home/brief");
        assertThat(tools.call("list_skills", Map.of()).body().get("total")).isEqualTo(1);

        SkillTools.Result get = tools.call("get_skill", Map.of("name", "wordy"));
        assertThat(get.isError()).isTrue();
        assertThat(get.error()).contains("'home/wordy' needs fixes").contains("[" + Rules.DESCRIPTION_TOO_LONG + "]")
                .contains("line 3");
        assertThat(tools.call("read_skill_file", Map.of("name", "wordy", "path", "SKILL.md")).error())
                .contains(Rules.DESCRIPTION_TOO_LONG);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) tools.call("search_skills",
                Map.of("query", "explains things", "mode", "keyword")).body().get("results");
        assertThat(found).extracting(m -> m.get("name")).containsExactly("home/brief");
    }

    @Test
    void theSkillsExtensionLeavesItOutOfListingsAndRefusesItsResources() {
        JsonNode none = JSON.createObjectNode();
        assertThat(uris(JSON.valueToTree(extension.answer("skills/list", none)), "skills"))
                .containsExactly("skill://home/brief/SKILL.md");
        assertThat(uris(JSON.valueToTree(extension.answer("resources/list", none)), "resources"))
                .allMatch(u -> u.startsWith("skill://home/brief/"));
        JsonNode read = JSON.createObjectNode().put("uri", "skill://home/wordy/SKILL.md");
        assertThatThrownBy(() -> extension.answer("resources/read", read))
                .hasMessageContaining(Rules.DESCRIPTION_TOO_LONG);
        assertThatThrownBy(() -> extension.answer("skills/get", read)).hasMessageContaining("needs fixes");

        // fixed (the description cut to the limit), it is served at once
        String fixed = dev.skilldesk.parse.QuickFixes.forIssue(WORDY, core.library().findings(
                core.library().get(ME, "home", "wordy").orElseThrow()).errors().get(0), "wordy").orElseThrow().content();
        save(fixed);
        assertThat(uris(JSON.valueToTree(extension.answer("skills/list", none)), "skills"))
                .containsExactly("skill://home/brief/SKILL.md", "skill://home/wordy/SKILL.md");
        assertThat(tools.call("get_skill", Map.of("name", "wordy")).isError()).isFalse();
    }

    private static List<String> uris(JsonNode answer, String field) {
        List<String> out = new java.util.ArrayList<>();
        answer.get(field).forEach(e -> out.add(e.get("uri").asText()));
        return out;
    }
}
