package dev.skilldesk.ui.settings;

import dev.skilldesk.mcp.AgentEndpoints;
import dev.skilldesk.telemetry.ClaudeCodeTelemetry;
import dev.skilldesk.ui.common.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings' "Agents on this machine": the library served over MCP (Streamable HTTP, loopback) so that agents
 * share the open library, and Claude Code's OpenTelemetry received as skill activations. Each is switched on
 * with its check box, started off the FX thread, and remembered (on or off, address, port) for the next start;
 * a failure (a port in use) is shown and the box goes back off.
 */
public final class EndpointsViewModel {
    static final String MCP_ON = "agents.mcp.on";
    static final String MCP_ADDRESS = "agents.mcp.address";
    static final String OTEL_ON = "agents.otel.on";
    static final String OTEL_PORT = "agents.otel.port";
    public static final String DEFAULT_MCP_ADDRESS = "127.0.0.1:8765";
    public static final String DEFAULT_OTEL_PORT = "4318";

    private final AgentEndpoints endpoints;
    private final TaskExecutor executor;
    private final UiPreferences prefs;
    private final BooleanProperty mcpOn = new SimpleBooleanProperty();
    private final StringProperty mcpAddress = new SimpleStringProperty();
    private final ReadOnlyStringWrapper mcpStatus = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyStringWrapper mcpUrl = new ReadOnlyStringWrapper();
    private final BooleanProperty otelOn = new SimpleBooleanProperty();
    private final StringProperty otelPort = new SimpleStringProperty();
    private final ReadOnlyStringWrapper otelStatus = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyStringWrapper otelUrl = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper unmatched = new ReadOnlyStringWrapper("");
    /** Set while a box is flipped back after a failure, so that the flip does not stop or start anything. */
    private boolean reverting;

    public EndpointsViewModel(AgentEndpoints endpoints, TaskExecutor executor, UiPreferences prefs) {
        this.endpoints = endpoints;
        this.executor = executor;
        this.prefs = prefs;
        mcpAddress.set(prefs.text(MCP_ADDRESS, DEFAULT_MCP_ADDRESS));
        otelPort.set(prefs.text(OTEL_PORT, DEFAULT_OTEL_PORT));
        mcpAddress.addListener((o, a, b) -> prefs.setText(MCP_ADDRESS, b == null ? "" : b.strip()));
        otelPort.addListener((o, a, b) -> prefs.setText(OTEL_PORT, b == null ? "" : b.strip()));
        mcpOn.addListener((o, a, on) -> {
            if (!reverting) {
                prefs.setFlag(MCP_ON, on);
                if (on) {
                    startMcp();
                } else {
                    stopMcp();
                }
            }
        });
        otelOn.addListener((o, a, on) -> {
            if (!reverting) {
                prefs.setFlag(OTEL_ON, on);
                if (on) {
                    startOtel();
                } else {
                    stopOtel();
                }
            }
        });
        // what was on when the app last closed comes back on
        mcpOn.set(prefs.flag(MCP_ON, false));
        otelOn.set(prefs.flag(OTEL_ON, false));
        refreshUnmatched();
    }

    private void startMcp() {
        String address = mcpAddress.get() == null ? "" : mcpAddress.get().strip();
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            failed(mcpOn, mcpStatus, "'" + address + "' is not HOST:PORT (e.g. " + DEFAULT_MCP_ADDRESS + ")");
            return;
        }
        String host = address.substring(0, colon);
        mcpStatus.set("Starting on " + address + "…");
        executor.run("Starting the MCP server", () -> endpoints.startMcp(host, port), (URI url) -> {
            mcpUrl.set(url.toString());
            mcpStatus.set("Serving " + url + " to agents on this machine");
        }, e -> failed(mcpOn, mcpStatus, "Could not serve on " + address + ": " + e.getMessage()));
    }

    private void stopMcp() {
        mcpUrl.set(null);
        mcpStatus.set("Off");
        executor.run("Stopping the MCP server", endpoints::stopMcp);
    }

    private void startOtel() {
        int port;
        try {
            port = Integer.parseInt(otelPort.get().strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            failed(otelOn, otelStatus, "'" + otelPort.get() + "' is not a port (0 to 65535)");
            return;
        }
        otelStatus.set("Starting on port " + port + "…");
        executor.run("Starting the OpenTelemetry receiver", () -> endpoints.startOtel(port,
                        r -> executor.onUiThread(() -> batch(r))),
                (URI url) -> {
                    otelUrl.set(url.toString());
                    otelStatus.set("Receiving at " + url);
                }, e -> failed(otelOn, otelStatus, "Could not listen on port " + port + ": " + e.getMessage()));
    }

    private void stopOtel() {
        otelUrl.set(null);
        otelStatus.set("Off");
        executor.run("Stopping the OpenTelemetry receiver", endpoints::stopOtel);
    }

    private void batch(ClaudeCodeTelemetry.Result r) {
        if (otelUrl.get() != null) {
            otelStatus.set("Receiving at " + otelUrl.get() + " · last batch: " + r.added() + " recorded, "
                    + (r.unmatched() + r.masked()) + " not matched");
        }
        refreshUnmatched();
    }

    private void refreshUnmatched() {
        executor.run("Reading unmatched skill names", endpoints::unmatched, (List<ClaudeCodeTelemetry.UnmatchedName> list) -> {
            if (list.isEmpty()) {
                unmatched.set("");
                return;
            }
            String names = list.stream().limit(8).map(u -> (u.name().isEmpty() ? "(no name)" : u.name())
                    + (u.masked() ? " (masked)" : "") + " ×" + u.count()).collect(Collectors.joining(", "));
            boolean anyMasked = list.stream().anyMatch(ClaudeCodeTelemetry.UnmatchedName::masked);
            unmatched.set("Not matched to a library skill: " + names + (list.size() > 8 ? ", …" : "")
                    + (anyMasked ? ". Masked names: set OTEL_LOG_TOOL_DETAILS=1 for Claude Code." : ""));
        }, e -> unmatched.set(""));
    }

    private void failed(BooleanProperty box, ReadOnlyStringWrapper status, String message) {
        status.set(message);
        reverting = true;
        try {
            box.set(false);
        } finally {
            reverting = false;
        }
    }

    /** The command that adds the running server to Claude Code. */
    public String claudeCodeCommand() {
        String url = mcpUrl.get() != null ? mcpUrl.get() : "http://" + mcpAddress.get() + "/mcp";
        return "claude mcp add --transport http skilldesk " + url;
    }

    /** The environment that points Claude Code's telemetry at the receiver. */
    public String claudeCodeEnvironment() {
        String url = otelUrl.get() != null ? otelUrl.get() : "http://127.0.0.1:" + otelPort.get() + "/v1/logs";
        return "export CLAUDE_CODE_ENABLE_TELEMETRY=1\nexport OTEL_LOGS_EXPORTER=otlp\n"
                + "export OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=http/protobuf\nexport OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=" + url
                + "\nexport OTEL_LOG_TOOL_DETAILS=1\n";
    }

    public BooleanProperty mcpOnProperty() {
        return mcpOn;
    }

    public StringProperty mcpAddressProperty() {
        return mcpAddress;
    }

    public ReadOnlyStringProperty mcpStatusProperty() {
        return mcpStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mcpUrlProperty() {
        return mcpUrl.getReadOnlyProperty();
    }

    public BooleanProperty otelOnProperty() {
        return otelOn;
    }

    public StringProperty otelPortProperty() {
        return otelPort;
    }

    public ReadOnlyStringProperty otelStatusProperty() {
        return otelStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty unmatchedProperty() {
        return unmatched.getReadOnlyProperty();
    }
}
