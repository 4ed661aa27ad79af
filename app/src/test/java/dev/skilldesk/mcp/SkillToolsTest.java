package dev.skilldesk.mcp;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
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

/** The tools' rules without the protocol: names, paths, paging, and errors as results. */
class SkillToolsTest {
    private static final Principal ME = new Principal("me", "home");

    @TempDir
    Path dir;
    SkillDeskCore core;
    SkillTools tools;

    @BeforeEach
    void setUp() {
        core = SkillDeskCore.open(dir, ME, Map.of());
        add(new Principal("x", "ns-a"), "report", List.of("pdf"), AccessLevel.PUBLIC);
        add(new Principal("y", "ns-b"), "report", List.of("pdf", "charts"), AccessLevel.PUBLIC);
        add(ME, "charts", List.of("pdf", "charts"), AccessLevel.PRIVATE);
        add(ME, "notes", List.of(), AccessLevel.PRIVATE);
        tools = new SkillTools(core.library(), core::search, core.activations(), ME,
                Clock.systemUTC(), Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void aPlainNameInSeveralOtherNamespacesAsksForTheNamespace() {
        SkillTools.Result r = tools.call("get_skill", Map.of("name", "report"));
        assertThat(r.error()).isEqualTo("'report' is in several namespaces (ns-a, ns-b); name one as namespace/name");
        assertThat(tools.call("get_skill", Map.of("name", "ns-b/report")).body().get("name")).isEqualTo("ns-b/report");
        assertThat(tools.call("get_skill", Map.of("name", "charts", "layer", "1")).body().get("name"))
                .as("own namespace first; a numeric string is accepted").isEqualTo("home/charts");
        assertThat(tools.call("get_skill", Map.of("name", "a/b/c")).error()).contains("is not a skill name");
    }

    @Test
    void listFiltersByAllTagsAndPages() {
        Map<String, Object> both = tools.call("list_skills", Map.of("tags", List.of("pdf", "charts"))).body();
        assertThat(both.get("total")).isEqualTo(2);
        assertThat(names(both)).containsExactly("home/charts", "ns-b/report");
        Map<String, Object> page = tools.call("list_skills", Map.of("limit", 2, "offset", 1)).body();
        assertThat(page.get("total")).isEqualTo(4);
        assertThat(names(page)).containsExactly("home/notes", "ns-a/report");
        assertThat(names(tools.call("list_skills", Map.of("tags", List.of("pdf", "charts"), "offset", 5)).body())).isEmpty();
        assertThat(tools.call("list_skills", Map.of("limit", 0)).error()).isEqualTo("list_skills: 'limit' must be from 1 to 500, not 0");
        assertThat(tools.call("list_skills", Map.of("tags", List.of(1))).error()).contains("must hold only strings");
    }

    @Test
    void pathsThatCouldLeaveTheSkillAreRefusedWithAReason() {
        for (String bad : List.of("../x", "a/../../b", "/abs", "\\\\server\\share", "C:\\x", "c:/x", "a\\b", "./a",
                "a//b", "a/", "a\u0000b")) {
            assertThatThrownBy(() -> SkillTools.checkRelativePath(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is refused");
        }
        assertThat(SkillTools.checkRelativePath("scripts/run.py")).isEqualTo("scripts/run.py");
        assertThat(SkillTools.checkRelativePath("..hidden/x")).isEqualTo("..hidden/x");
        assertThat(tools.call("read_skill_file", Map.of("name", "notes", "path", "SKILL.md")).body().get("content"))
                .asString().contains("name: notes");
    }

    @Test
    void outcomesNeedAnIdTheAgentGotAndEverythingElseIsAToolError() {
        String id = (String) tools.call("get_skill", Map.of("name", "notes", "layer", 3)).body().get("activation_id");
        assertThat(tools.call("record_outcome", Map.of("activation_id", id, "success", "false", "error", "no")).isError())
                .isFalse();
        assertThat(tools.call("record_outcome", Map.of("activation_id", id)).error()).contains("'success' is required");
        assertThat(tools.call("record_outcome", Map.of("activation_id", id, "success", 3)).error())
                .contains("must be true or false, not number 3");
        assertThat(tools.call("nope", Map.of()).error()).startsWith("unknown tool 'nope'; this server's tools are search_skills");
        assertThat(tools.call("get_skill", null).error()).contains("'name' is required");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("skills")).stream().map(m -> (String) m.get("name")).toList();
    }

    private void add(Principal owner, String name, List<String> tags, AccessLevel access) {
        String md = "---\nname: " + name + "\ndescription: About " + name + ".\ntags: [" + String.join(", ", tags)
                + "]\n---\n\nBody of " + name + ".\n";
        assertThat(core.library().save(owner, new SkillDraft("t", name, md, List.of()),
                new SaveOptions(owner.namespace(), access, null)).stored()).isTrue();
    }
}
