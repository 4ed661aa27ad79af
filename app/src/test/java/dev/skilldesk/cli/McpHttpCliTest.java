package dev.skilldesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code skilldesk mcp --http}: what it refuses before it listens (usage, exit 2). */
class McpHttpCliTest {
    @TempDir
    Path dir;

    @Test
    void aNonLoopbackAddressNeedsTokensAndBadArgumentsAreNamed() {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result open = cli.run("mcp", "--http", "0.0.0.0:0");
        assertThat(open.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(open.err()).contains("not a loopback address", "SKILLDESK_MCP_TOKENS");
        assertThat(cli.run("mcp", "--http", "localhost").err()).contains("HOST:PORT");
        assertThat(cli.run("mcp", "--http", "127.0.0.1:70000").code()).isEqualTo(ExitCodes.USAGE);
        cli.env.put("SKILLDESK_MCP_TOKENS", "tiny=alice");
        CliRunner.Result badToken = cli.run("mcp", "--http", "127.0.0.1:0");
        assertThat(badToken.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badToken.err()).contains("SKILLDESK_MCP_TOKENS entry 1", "at least 8 characters");
    }
}
