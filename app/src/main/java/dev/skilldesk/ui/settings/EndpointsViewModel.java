package dev.skilldesk.ui.settings;

import dev.skilldesk.AgentServers;
import dev.skilldesk.telemetry.ClaudeCodeTelemetry;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.TaskExecutor;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Settings' "Agents on this machine": the library served over MCP (Streamable HTTP, loopback) so that agents
 * share the open library, and Claude Code's OpenTelemetry received as skill activations. Each is switched on
 * with its check box, started off the FX thread, and remembered (on or off, address, port) for the next start;
 * a failure (a port in use) is shown and the box goes back off.
 */
public final class EndpointsViewModel {
    public static final String DEFAULT_MCP_ADDRESS = Prefs.MCP_ADDRESS.fallback();
    public static final String DEFAULT_OTEL_PORT = Prefs.OTEL_PORT.fallback();

    private final AgentServers endpoints;
    private final TaskExecutor executor;
    private final UiPreferences prefs;
    private final BooleanProperty mcpOn = new SimpleBooleanProperty();
    private final StringProperty mcpAddress = new SimpleStringProperty();
    private final ReadOnlyStringWrapper mcpStatus = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyStringWrapper mcpUrl = new ReadOnlyStringWrapper();
    private final BooleanProperty otelOn = new SimpleBooleanProperty();
    private final StringProperty otelPort = new SimpleStringProperty();
    private final StringProperty otelGrpcPort = new SimpleStringProperty();
    /** Where OTLP/gRPC is received while the receiver runs (UI thread). */
    private String otelGrpcUrl;
    private final ReadOnlyStringWrapper otelStatus = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyStringWrapper otelUrl = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper unmatched = new ReadOnlyStringWrapper("");
    private final BooleanProperty mcpError = new SimpleBooleanProperty();
    private final BooleanProperty otelError = new SimpleBooleanProperty();
    /** Tells the author of what they should not miss (a start remembered from last time that failed). */
    private final Consumer<String> notify;
    /** True while the starts remembered from the last run are under way: their failures are announced. */
    private boolean startingFromLastTime;
    /** Set while a box is flipped back after a failure, so that the flip does not stop or start anything. */
    private boolean reverting;

    public EndpointsViewModel(AgentServers endpoints, TaskExecutor executor, UiPreferences prefs,
                              Consumer<String> notify) {
        this.notify = notify;
        this.endpoints = endpoints;
        this.executor = executor;
        this.prefs = prefs;
        mcpAddress.set(prefs.get(Prefs.MCP_ADDRESS));
        otelPort.set(prefs.get(Prefs.OTEL_PORT));
        otelGrpcPort.set(prefs.get(Prefs.OTEL_GRPC_PORT));
        otelGrpcPort.addListener((o, a, b) -> prefs.set(Prefs.OTEL_GRPC_PORT, b == null ? "" : b.strip()));
        mcpAddress.addListener((o, a, b) -> prefs.set(Prefs.MCP_ADDRESS, b == null ? "" : b.strip()));
        otelPort.addListener((o, a, b) -> prefs.set(Prefs.OTEL_PORT, b == null ? "" : b.strip()));
        mcpOn.addListener((o, a, on) -> {
            if (!reverting) {
                prefs.set(Prefs.MCP_ON, on);
                if (on) {
                    startMcp();
                } else {
                    stopMcp();
                }
            }
        });
        otelOn.addListener((o, a, on) -> {
            if (!reverting) {
                prefs.set(Prefs.OTEL_ON, on);
                if (on) {
                    startOtel();
                } else {
                    stopOtel();
                }
            }
        });
        // what was on when the app last closed comes back on; if it cannot, the window says so wherever it is
        startingFromLastTime = true;
        mcpOn.set(prefs.get(Prefs.MCP_ON));
        otelOn.set(prefs.get(Prefs.OTEL_ON));
        executor.later(5_000, () -> startingFromLastTime = false);
        refreshUnmatched();
    }

    /**
     * HOST:PORT, or a port alone (on 127.0.0.1); {@code localhost} is served as 127.0.0.1, so that the URL given
     * to agents does not depend on whether their system resolves localhost to IPv4 or IPv6 first. Null: not one.
     */
    static String[] hostPort(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : t.substring(0, colon);
        String port = colon < 0 ? t : t.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535 || host.isBlank()) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new String[] {host.equalsIgnoreCase("localhost") ? "127.0.0.1" : host, port};
    }

    private void startMcp() {
        String address = mcpAddress.get() == null ? "" : mcpAddress.get().strip();
        String[] hp = hostPort(address);
        if (hp == null) {
            failed(mcpOn, mcpStatus, mcpError, "'" + address + "' is not an address: give HOST:PORT (e.g. "
                    + DEFAULT_MCP_ADDRESS + ") or a port");
            return;
        }
        mcpError.set(false);
        mcpStatus.set("Starting on " + hp[0] + ":" + hp[1] + "…");
        executor.run("Starting the MCP server", () -> endpoints.startMcp(hp[0], Integer.parseInt(hp[1])), (URI url) -> {
            mcpUrl.set(url.toString());
            mcpStatus.set("Serving " + url + " to agents on this machine");
        }, e -> failed(mcpOn, mcpStatus, mcpError, "Could not serve on " + hp[0] + ":" + hp[1] + ": " + e.getMessage()));
    }

    private void stopMcp() {
        mcpUrl.set(null);
        mcpStatus.set("Off");
        executor.run("Stopping the MCP server", endpoints::stopMcp);
    }

    private void startOtel() {
        String[] hp = hostPort(otelPort.get()); // a port, or 127.0.0.1:PORT as the environment writes it
        if (hp == null || !hp[0].equals("127.0.0.1")) {
            failed(otelOn, otelStatus, otelError, "'" + otelPort.get() + "' is not a port (0 to 65535; the receiver"
                    + " listens on 127.0.0.1)");
            return;
        }
        int port = Integer.parseInt(hp[1]);
        otelError.set(false);
        otelStatus.set("Starting on port " + port + "…");
        int grpcPort = grpcPort();
        executor.run("Starting the OpenTelemetry receiver", () -> {
                    URI url = endpoints.startOtel(port, grpcPort, r -> executor.onUiThread(() -> batch(r)));
                    return new URI[] {url, endpoints.otelGrpcEndpoint()};
                },
                (URI[] urls) -> {
                    otelUrl.set(urls[0].toString());
                    otelGrpcUrl = urls[1] == null ? null : urls[1].toString();
                    otelStatus.set(receiving());
                }, e -> failed(otelOn, otelStatus, otelError, "Could not listen on port " + port + ": " + e.getMessage()));
    }

    /** The gRPC port from the preferences; -1 when it is not a port. */
    private int grpcPort() {
        try {
            String text = otelGrpcPort.get() == null ? "" : otelGrpcPort.get().strip();
            if (text.isEmpty()) {
                return -1; // left empty: no port of its own (the HTTP port takes gRPC too)
            }
            int p = Integer.parseInt(text);
            return p >= 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String receiving() {
        return "Receiving at " + otelUrl.get() + " (OTLP/HTTP)" + (otelGrpcUrl == null ? "" : " and at " + otelGrpcUrl
                + " (OTLP/gRPC)");
    }

    private void stopOtel() {
        otelGrpcUrl = null;
        otelUrl.set(null);
        otelStatus.set("Off");
        executor.run("Stopping the OpenTelemetry receiver", endpoints::stopOtel);
    }

    private void batch(ClaudeCodeTelemetry.Result r) {
        if (otelUrl.get() != null) {
            otelStatus.set(receiving() + " · last batch: " + r.added() + " recorded"
                    + (r.already() > 0 ? ", " + r.already() + " already recorded (sent again)" : "")
                    + (r.unmatched() + r.masked() > 0 ? ", " + (r.unmatched() + r.masked()) + " not matched" : ""));
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
            unmatched.set("Reported by Claude Code but not matched to a library skill, so far: " + names + (list.size() > 8 ? ", …" : "")
                    + (anyMasked ? ". Masked names: set OTEL_LOG_TOOL_DETAILS=1 for Claude Code." : ""));
        }, e -> unmatched.set(""));
    }

    /**
     * Says why, and turns the box back off: later, not inside the change that turned it on (a check box bound to
     * the property would not hear a change made while the binding is still passing on the first one).
     */
    private void failed(BooleanProperty box, ReadOnlyStringWrapper status, BooleanProperty error, String message) {
        status.set(message);
        error.set(true);
        if (notify != null && startingFromLastTime) {
            notify.accept(message + " (Settings → Agents on this machine)");
        }
        executor.later(1, () -> {
            reverting = true;
            try {
                box.set(false);
            } finally {
                reverting = false;
            }
        });
    }

    /**
     * The command that adds the server to Claude Code for every project ({@code --scope user}): the running one's
     * URL, else the one the address field would serve; null when the field holds no address.
     */
    public String claudeCodeCommand() {
        String url = mcpUrl.get();
        if (url == null) {
            String[] hp = hostPort(mcpAddress.get());
            if (hp == null || hp[1].equals("0")) {
                return null;
            }
            url = "http://" + hp[0] + ":" + hp[1] + "/mcp";
        }
        return "claude mcp add --transport http --scope user skilldesk " + url;
    }

    public boolean mcpRunning() {
        return mcpUrl.get() != null;
    }

    public boolean otelRunning() {
        return otelUrl.get() != null;
    }

    /** The environment that points Claude Code's telemetry at the receiver. */
    public String claudeCodeEnvironment() {
        String url = otelUrl.get();
        if (url == null) {
            String[] hp = hostPort(otelPort.get());
            if (hp == null || hp[1].equals("0")) {
                return null;
            }
            url = "http://127.0.0.1:" + hp[1] + "/v1/logs";
        }
        return "export CLAUDE_CODE_ENABLE_TELEMETRY=1\nexport OTEL_LOGS_EXPORTER=otlp\n"
                + "export OTEL_EXPORTER_OTLP_LOGS_PROTOCOL=http/protobuf\nexport OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=" + url
                + "\nexport OTEL_LOG_TOOL_DETAILS=1\n"
                + (otelGrpcUrl == null ? "" : "# or over gRPC: OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT="
                + otelGrpcUrl + "\n");
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

    /** OTLP/gRPC's port; empty: none of its own. */
    public StringProperty otelGrpcPortProperty() {
        return otelGrpcPort;
    }

    public StringProperty otelPortProperty() {
        return otelPort;
    }

    public ReadOnlyStringProperty otelStatusProperty() {
        return otelStatus.getReadOnlyProperty();
    }

    public BooleanProperty mcpErrorProperty() {
        return mcpError;
    }

    public BooleanProperty otelErrorProperty() {
        return otelError;
    }

    public ReadOnlyStringProperty unmatchedProperty() {
        return unmatched.getReadOnlyProperty();
    }
}
