package dev.skilldesk;

import dev.skilldesk.skill.Principal;
import dev.skilldesk.telemetry.ClaudeCodeTelemetry;

import java.net.URI;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * What a face of SkillDesk may serve to the agents on this machine over the one open library, switched on and off on
 * demand: the MCP server over Streamable HTTP and the OTLP receiver for Claude Code's skill events. The window uses it
 * (Settings → Agents on this machine) without knowing the MCP package: the implementation the build carries is found
 * by {@link ServiceLoader}, so the faces (ui, cli, mcp) stay siblings. Methods block on I/O (binding a port).
 */
public interface AgentServers extends AutoCloseable {
    /** Serves MCP at {@code http://host:port/mcp} on a loopback host; returns the URL. */
    URI startMcp(String host, int port) throws Exception;

    void stopMcp();

    /** The MCP endpoint while it runs, else null. */
    URI mcpEndpoint();

    /** How many MCP sessions are open. */
    int mcpSessions();

    /** Receives OTLP logs on {@code port} of the loopback address; {@code onBatch} hears each batch. */
    URI startOtel(int port, Consumer<ClaudeCodeTelemetry.Result> onBatch) throws Exception;

    /**
     * As {@link #startOtel(int, Consumer)}, with OTLP/gRPC on {@code grpcPort} too (where Claude Code's monitoring
     * docs point first); when that port is taken, gRPC is still received on {@code port}. Returns the gRPC address
     * through {@link #otelGrpcEndpoint()}.
     */
    default URI startOtel(int port, int grpcPort, Consumer<ClaudeCodeTelemetry.Result> onBatch) throws Exception {
        return startOtel(port, onBatch);
    }

    /** Where OTLP/gRPC is received, or null. */
    default URI otelGrpcEndpoint() {
        return null;
    }

    void stopOtel();

    URI otelEndpoint();

    /** The skill names Claude Code reported that matched no library skill, most frequent first. */
    List<ClaudeCodeTelemetry.UnmatchedName> unmatched();

    @Override
    void close();

    /** Makes the servers of one library for one principal (registered in {@code META-INF/services}). */
    interface Provider {
        AgentServers open(SkillDeskCore core, Principal who);
    }

    /** The servers the build carries, over {@code core} as {@code who}. */
    static AgentServers open(SkillDeskCore core, Principal who) {
        for (Provider p : ServiceLoader.load(Provider.class, AgentServers.class.getClassLoader())) {
            return p.open(core, who);
        }
        throw new IllegalStateException("this build carries no MCP server (no " + Provider.class.getName() + ")");
    }
}
