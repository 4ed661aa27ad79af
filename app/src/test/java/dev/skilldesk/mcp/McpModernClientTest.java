package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of {@link McpTypeScriptClientTest}, over stdio and Streamable HTTP, with the official TypeScript client
 * v2 ({@code app/src/test/node/mcp-modern-client.mjs}, @modelcontextprotocol/client 2.4.0) pinned to protocol
 * revision 2026-07-28: no initialize, no session, server/discover first, the envelope on every request. Its
 * SkillsClient validates every skills/list and skills/get entry and the caching fields, and verifies each file's
 * size, digest and frontmatter; every tool's structuredContent is validated against its outputSchema; the list
 * change of an import made by the CLI in another process arrives on {@code subscriptions/listen} within two
 * seconds; two bearer tokens see two listings. In its automatic mode the client picks the same revision.
 */
class McpModernClientTest extends McpTypeScriptClientTest {
    @Override
    String script() {
        return "mcp-modern-client.mjs";
    }

    @Override
    List<String> clientOptions() {
        return List.of("--mode", "pin");
    }

    @Test
    void automaticModeChoosesTheStatelessRevision() throws Exception {
        List<String> args = new ArrayList<>(List.of("--mode", "auto", "--read-skills", "2", "--stdio"));
        args.addAll(McpServerProcessTest.command("--data-dir", data.toString(), "mcp", "--agent", "bob",
                "--namespace", "team-b"));
        Map<String, JsonNode> events = run(args, false);
        assertThat(events.get("connected").get("era").asText()).isEqualTo("modern");
        assertThat(events.get("connected").get("version").asText()).isEqualTo("2026-07-28");
        assertThat(uris(events)).contains("skill://team-b/bob-secret/SKILL.md");
    }

    @Test
    void automaticModeOverHttpToo() throws Exception {
        automaticModeOverHttp();
    }
}
