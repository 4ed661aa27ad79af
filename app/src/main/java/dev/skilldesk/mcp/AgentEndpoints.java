package dev.skilldesk.mcp;

import dev.skilldesk.AgentServers;
import dev.skilldesk.BuildInfo;
import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.telemetry.ClaudeCodeTelemetry;
import dev.skilldesk.telemetry.OtlpReceiver;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the desktop app serves to agents on this machine, each switched on and off on demand over the one open
 * library: the MCP server over Streamable HTTP (so several agents share the library the window shows) and the
 * OTLP receiver for Claude Code's skill_activated events. Both are loopback-only here: an author shares a
 * library beyond the machine with {@code skilldesk mcp --http} and bearer tokens. Methods block on I/O (binding
 * a port): call them off the FX thread.
 */
public final class AgentEndpoints implements AgentServers {
    /** How {@link AgentServers#open} finds this class (META-INF/services). */
    public static final class Provider implements AgentServers.Provider {
        @Override
        public AgentServers open(SkillDeskCore core, Principal who) {
            return new AgentEndpoints(core, who);
        }
    }

    private final SkillDeskCore core;
    private final Principal who;
    private McpHttpServer mcp;
    private ListChangeNotifier notifier;
    private OtlpReceiver otel;

    public AgentEndpoints(SkillDeskCore core, Principal who) {
        this.core = core;
        this.who = who;
    }

    /** Serves MCP at {@code http://host:port/mcp} on a loopback host, acting as the app's author; returns the URL. */
    @Override
    public synchronized URI startMcp(String host, int port) throws Exception {
        stopMcp();
        if (!McpHttpServer.isLoopback(host)) {
            throw new IllegalArgumentException(host + " is not a loopback address; the app serves this machine only"
                    + " (use skilldesk mcp --http with SKILLDESK_MCP_TOKENS to serve a network)");
        }
        ListChangeNotifier n = ListChangeNotifier.of(core);
        try {
            mcp = McpHttpServer.start(new McpSkillServer(SkillTools.of(core, who), BuildInfo.version()), n, host, port,
                    Map.of(), Set.of());
        } catch (Exception e) {
            n.close();
            throw e;
        }
        notifier = n;
        return mcp.endpoint();
    }

    @Override
    public synchronized void stopMcp() {
        if (mcp != null) {
            mcp.close();
            mcp = null;
        }
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
    }

    /** The MCP endpoint while it runs, else null. */
    @Override
    public synchronized URI mcpEndpoint() {
        return mcp == null ? null : mcp.endpoint();
    }

    /** How many MCP sessions are open. */
    @Override
    public synchronized int mcpSessions() {
        return notifier == null ? 0 : notifier.clients();
    }

    /** Receives OTLP logs at {@code http://127.0.0.1:port/v1/logs}; {@code onBatch} hears each batch. */
    @Override
    public synchronized URI startOtel(int port, Consumer<ClaudeCodeTelemetry.Result> onBatch) throws Exception {
        return startOtel(port, -1, onBatch);
    }

    @Override
    public synchronized URI startOtel(int port, int grpcPort, Consumer<ClaudeCodeTelemetry.Result> onBatch)
            throws Exception {
        stopOtel();
        try {
            otel = OtlpReceiver.start(core.claudeCodeTelemetry(who), "127.0.0.1", port, grpcPort, onBatch);
        } catch (java.io.IOException taken) {
            if (grpcPort < 0) {
                throw taken;
            }
            // the gRPC port is taken (another collector): both protocols on the one port
            otel = OtlpReceiver.start(core.claudeCodeTelemetry(who), "127.0.0.1", port, -1, onBatch);
        }
        return otel.endpoint();
    }

    @Override
    public synchronized URI otelGrpcEndpoint() {
        if (otel == null) {
            return null;
        }
        if (otel.grpcEndpoint() != null) {
            return otel.grpcEndpoint();
        }
        URI http = otel.endpoint();
        return URI.create(http.getScheme() + "://" + http.getAuthority());
    }

    @Override
    public synchronized void stopOtel() {
        if (otel != null) {
            otel.close();
            otel = null;
        }
    }

    @Override
    public synchronized URI otelEndpoint() {
        return otel == null ? null : otel.endpoint();
    }

    /** The skill names Claude Code reported that matched no library skill, most frequent first. */
    @Override
    public List<ClaudeCodeTelemetry.UnmatchedName> unmatched() {
        return core.claudeCodeTelemetry(who).unmatched();
    }

    @Override
    public synchronized void close() {
        stopMcp();
        stopOtel();
    }
}
