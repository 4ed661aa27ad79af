package dev.skilldesk.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Node tools of the MCP checks (Node 26, the official TypeScript SDK 1.x and client v2, the Inspector and the
 * conformance suite), installed from
 * npm once by {@code .ci/mcp-node-tools.sh}, the script {@code .ci/run} uses too.
 */
public final class NodeTools {
    private static Path home;

    private NodeTools() {
    }

    public static synchronized Path home() throws IOException, InterruptedException {
        if (home == null) {
            Process p = new ProcessBuilder("bash", ".ci/mcp-node-tools.sh").redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("could not install the MCP Node tools (bash .ci/mcp-node-tools.sh)");
            }
            home = Path.of(out);
        }
        return home;
    }

    public static Path node() throws IOException, InterruptedException {
        Path node = home().resolve("node_modules/.bin/node");
        if (!Files.isExecutable(node)) {
            throw new IOException("no node at " + node);
        }
        return node;
    }

    /** The test client, copied beside the SDK it imports (Node resolves imports from the script's folder). */
    static Path client() throws IOException, InterruptedException {
        return client("mcp-client.mjs");
    }

    /** A test client script of app/src/test/node, copied as {@link #client()} is. */
    static Path client(String script) throws IOException, InterruptedException {
        Path target = home().resolve("skilldesk-" + script);
        Files.copy(Path.of("app/src/test/node", script), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
