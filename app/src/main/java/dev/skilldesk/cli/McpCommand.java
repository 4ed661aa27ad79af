package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.mcp.McpSkillServer;
import dev.skilldesk.mcp.SkillTools;
import dev.skilldesk.skill.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "mcp", description = {
        "Run a Model Context Protocol server on stdin/stdout over this library, for agents such as Claude Code.",
        "It acts as --agent/--namespace (or $SKILLDESK_AGENT_ID/$SKILLDESK_NAMESPACE, else the local author)."})
final class McpCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Override
    public Integer call() throws InterruptedException {
        // stdout carries the protocol and nothing else: whatever else prints to System.out (a library's
        // println) lands on stderr, where the client shows or logs it.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            Principal who = root.principal();
            SkillDeskCore core = root.open();
            // Clients stop a stdio server by closing its input, by terminating it, or both at once (the MCP
            // SDK's client destroys the process): whichever comes first closes the library, and the other
            // waits until that close has finished, so the JVM never halts with activations unwritten.
            Object lock = new Object();
            boolean[] closed = {false};
            Runnable closeOnce = () -> {
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
            Thread hook = new Thread(closeOnce, "skilldesk-mcp-close");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                // loading the embedding model takes a second or two: start it now, not on the first search
                Thread warmUp = new Thread(() -> {
                    try {
                        core.search();
                    } catch (IllegalStateException closedAlready) {
                        // the client left before the model was loaded
                    }
                }, "skilldesk-search-warm-up");
                warmUp.setDaemon(true);
                warmUp.start();
                root.err.println("skilldesk mcp: serving " + core.dataDir() + " as agent '" + who.agentId()
                        + "' in namespace '" + who.namespace() + "'");
                root.err.flush();
                new McpSkillServer(SkillTools.of(core, who), SkillDeskCli.Version.version()).serve(System.in, protocol);
            } finally {
                closeOnce.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran; it found the library closed
                }
            }
        } finally {
            System.setOut(protocol);
        }
        return ExitCodes.OK;
    }
}
