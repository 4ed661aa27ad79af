package dev.skilldesk.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of {@link McpTypeScriptClientTest}, over stdio and Streamable HTTP, with the official Python SDK's
 * client ({@code app/src/test/python/mcp_client.py}, mcp 2.3.0 from the pip index) pinned to protocol revision
 * 2026-07-28 (no probe, no fallback): skills/list and skills/get in the final extension's shape with their caching
 * fields, every file's digest and size, every tool validated against its outputSchema by the SDK, the list change
 * of another process's import on {@code subscriptions/listen} within two seconds, two tokens two listings. In its
 * default (automatic) mode the client discovers the same revision rather than falling back to initialize.
 */
class McpPythonClientTest extends McpTypeScriptClientTest {
    private static String python;

    @Override
    List<String> clientOptions() {
        return List.of("--mode", "2026-07-28");
    }

    @Override
    List<String> clientCommand() throws Exception {
        return List.of(python(), "app/src/test/python/mcp_client.py");
    }

    /** The virtual environment's Python, mcp 2.3.0 installed by {@code .ci/mcp-python-tools.sh}. */
    static synchronized String python() throws IOException, InterruptedException {
        if (python == null) {
            Process p = new ProcessBuilder("bash", ".ci/mcp-python-tools.sh")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String home = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("could not install the Python MCP SDK (bash .ci/mcp-python-tools.sh)");
            }
            python = home + "/bin/python";
        }
        return python;
    }

    @Test
    void automaticModeDiscoversTheStatelessRevision() throws Exception {
        List<String> args = new ArrayList<>(List.of("--mode", "auto", "--read-skills", "2", "--stdio"));
        args.addAll(McpServerProcessTest.command("--data-dir", data.toString(), "mcp", "--agent", "bob",
                "--namespace", "team-b"));
        Map<String, JsonNode> events = run(args, false);
        assertThat(events.get("connected").get("version").asText()).isEqualTo("2026-07-28");
        assertThat(events.get("connected").get("extension").get("directoryRead").asBoolean()).isTrue();
        assertThat(uris(events)).contains("skill://team-b/bob-secret/SKILL.md");
    }

    @Test
    void automaticModeOverHttpToo() throws Exception {
        automaticModeOverHttp();
    }
}
