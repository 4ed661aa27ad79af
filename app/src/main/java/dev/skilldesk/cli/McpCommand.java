package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.mcp.ListChangeNotifier;
import dev.skilldesk.mcp.McpHttpServer;
import dev.skilldesk.mcp.McpSkillServer;
import dev.skilldesk.mcp.SkillTools;
import dev.skilldesk.skill.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

@Command(name = "mcp", description = {
        "Run a Model Context Protocol server over this library, for agents such as Claude Code: on stdin/stdout,"
                + " or with --http on Streamable HTTP at http://HOST:PORT/mcp.",
        "It acts as --agent/--namespace (or $SKILLDESK_AGENT_ID/$SKILLDESK_NAMESPACE, else the local author);"
                + " over HTTP with $SKILLDESK_MCP_TOKENS=\"token=agent[@namespace],...\" each request acts as its"
                + " bearer token's agent, and a non-loopback HOST needs tokens."})
final class McpCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = {
            "Serve Streamable HTTP on HOST:PORT (PORT 0: any free port) instead of stdio; prints"
                    + " 'serving http://HOST:PORT/mcp' on stderr once it listens and runs until stopped."})
    String http;

    @Option(names = "--conformance-fixtures", hidden = true, description = {
            "Also serve the fixtures the official MCP conformance suite calls (test_* tools, test:// resources)."})
    boolean conformanceFixtures;

    @Override
    public Integer call() throws Exception {
        if (http != null) {
            return serveHttp();
        }
        // stdout carries the protocol and nothing else: whatever else prints to System.out (a library's
        // println) lands on stderr, where the client shows or logs it.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            Principal who = root.principal();
            root.preloadModel(); // sessions search: the model loads while the library opens and the client initializes
            SkillDeskCore core = root.open();
            Runnable closeOnce = closeOnce(core);
            Thread hook = new Thread(closeOnce, "skilldesk-mcp-close");
            Runtime.getRuntime().addShutdownHook(hook);
            try (ListChangeNotifier changes = ListChangeNotifier.of(core)) {
                root.err.println("skilldesk mcp: serving " + core.dataDir() + " as agent '" + who.agentId()
                        + "' in namespace '" + who.namespace() + "'");
                root.err.flush();
                McpSkillServer server = new McpSkillServer(SkillTools.of(core, who), SkillDeskCli.Version.version(),
                        conformanceFixtures);
                dev.skilldesk.mcp.StdioFront front = dev.skilldesk.mcp.StdioFront.current();
                if (front != null) { // it has answered initialize (or server/discover) while the library opened
                    server.serve(front.takeOver(), protocol, changes, () -> warmUp(core));
                } else {
                    server.serve(System.in, protocol, changes, () -> warmUp(core)); // after the initialize answer
                }
            } finally {
                closeOnce.run();
                removeHook(hook);
            }
        } finally {
            System.setOut(protocol);
        }
        return ExitCodes.OK;
    }

    private Integer serveHttp() throws Exception {
        String[] hostPort = hostPort(http);
        if (hostPort == null) {
            root.err.println("skilldesk mcp: --http takes HOST:PORT (e.g. 127.0.0.1:8765, [::1]:0), not '" + http + "'");
            return ExitCodes.USAGE;
        }
        Map<String, Principal> tokens;
        try {
            tokens = McpHttpServer.parseTokens(root.env.get("SKILLDESK_MCP_TOKENS"));
        } catch (IllegalArgumentException e) {
            root.err.println("skilldesk mcp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (tokens.isEmpty() && !McpHttpServer.isLoopback(hostPort[0])) {
            root.err.println("skilldesk mcp: " + hostPort[0] + " is not a loopback address: serving it needs bearer"
                    + " tokens in SKILLDESK_MCP_TOKENS=\"token=agent[@namespace],...\"");
            return ExitCodes.USAGE;
        }
        Set<String> origins = Arrays.stream(root.env.getOrDefault("SKILLDESK_MCP_ORIGINS", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Principal who = root.principal();
        SkillDeskCore core = root.open();
        Runnable closeOnce = closeOnce(core);
        CountDownLatch stopped = new CountDownLatch(1);
        ListChangeNotifier changes = ListChangeNotifier.of(core);
        McpHttpServer server;
        try {
            server = McpHttpServer.start(new McpSkillServer(SkillTools.of(core, who), SkillDeskCli.Version.version(),
                            conformanceFixtures),
                    changes, hostPort[0], Integer.parseInt(hostPort[1]), tokens, origins);
        } catch (java.io.IOException e) {
            changes.close();
            closeOnce.run();
            root.err.println("skilldesk mcp: cannot listen on " + http + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Thread hook = new Thread(() -> {
            server.close();
            changes.close();
            closeOnce.run();
            stopped.countDown();
        }, "skilldesk-mcp-close");
        Runtime.getRuntime().addShutdownHook(hook);
        warmUp(core);
        root.err.println("skilldesk mcp: " + (tokens.isEmpty() ? "every request acts as agent '" + who.agentId()
                + "' in namespace '" + who.namespace() + "'" : tokens.size() + " bearer token(s); each request acts"
                + " as its token's agent") + "; library " + core.dataDir());
        root.err.println("serving " + server.endpoint());
        root.err.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** "127.0.0.1:8080", "localhost:0", "[::1]:9000" → {host, port}; null when it is not HOST:PORT. */
    static String[] hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return null;
        }
        String host = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            return null;
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new String[] {host, port};
    }

    /** Loading the embedding model takes a second or two: start it now, not on the first search. */
    private static void warmUp(SkillDeskCore core) {
        // at background priority: the session's start (the MCP SDK's classes, the initialize answer) goes first
        dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-search-warm-up", () -> {
            try {
                core.search();
            } catch (IllegalStateException closedAlready) {
                // the client left before the model was loaded
            }
        }).start();
    }

    /**
     * Clients stop a stdio server by closing its input, by terminating it, or both at once (the MCP SDK's client
     * destroys the process): whichever comes first closes the library, and the other waits until that close has
     * finished, so the JVM never halts with activations unwritten.
     */
    private static Runnable closeOnce(SkillDeskCore core) {
        Object lock = new Object();
        boolean[] closed = {false};
        return () -> {
            synchronized (lock) {
                if (!closed[0]) {
                    try {
                        core.close();
                    } finally {
                        closed[0] = true;
                    }
                }
            }
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran; it found the library closed
        }
    }
}
