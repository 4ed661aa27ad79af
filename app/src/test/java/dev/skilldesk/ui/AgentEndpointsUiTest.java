package dev.skilldesk.ui;

import dev.skilldesk.ui.shell.DesktopRoot;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static dev.skilldesk.ui.UiTests.truncated;
import static dev.skilldesk.ui.UiTests.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings' "Agents on this machine", as an author uses it: switch on the MCP server and an agent's request is
 * answered at the URL the screen shows; switch on the OpenTelemetry receiver and a batch from Claude Code with
 * a masked name shows up as not matched; both come back on at the next start; a port in use is said, and the
 * box goes back off.
 */
class AgentEndpointsUiTest extends FxRobot {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void switchedOnTheyServeAgentsAndComeBackOnAtTheNextStart() throws Exception {
        String lib = dir.resolve("lib").toString();
        FxToolkit.registerPrimaryStage();
        SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib);
        DesktopRoot w = app.window();
        clickOn("#place-settings");
        TextField address = lookup("#mcpAddress").query();
        TextField port = lookup("#otelPort").query();
        interact(() -> {
            address.setText("127.0.0.1:0");
            port.setText("0");
        });
        clickOn("#mcpOn");
        Label mcpStatus = lookup("#mcpStatus").query();
        waitUntil(() -> mcpStatus.getText().startsWith("Serving http://127.0.0.1:"), 20);
        String url = mcpStatus.getText().replaceAll("^Serving (\\S+) .*$", "$1");
        HttpResponse<String> init = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":"
                        + "{\"name\":\"agent\",\"version\":\"1\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.body()).contains("io.modelcontextprotocol/skills");
        assertThat(((TextField) lookup("#mcpAddress").query()).isDisabled()).as("the address is fixed while serving").isTrue();

        clickOn("#otelOn");
        Label otelStatus = lookup("#otelStatus").query();
        waitUntil(() -> otelStatus.getText().startsWith("Receiving at http://127.0.0.1:"), 20);
        String otel = otelStatus.getText().replaceAll("^Receiving at (\\S+).*$", "$1");
        String batch = "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"claude-code\"}}]},\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":"
                + "\"1764500000000000000\",\"body\":{\"stringValue\":\"claude_code.skill_activated\"},\"attributes\":["
                + "{\"key\":\"session.id\",\"value\":{\"stringValue\":\"s1\"}},{\"key\":\"event.sequence\",\"value\":"
                + "{\"intValue\":\"1\"}},{\"key\":\"skill.name\",\"value\":{\"stringValue\":\"custom_skill\"}}]}]}]}]}";
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(otel)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(200);
        Label unmatched = lookup("#otelUnmatched").query();
        waitUntil(() -> unmatched.getText().contains("custom_skill (masked) ×1"), 20);
        assertThat(unmatched.isVisible()).isTrue();
        assertThat(unmatched.getText()).contains("OTEL_LOG_TOOL_DETAILS=1");
        assertThat(truncated(w.scene().getRoot())).as("labels cut to …").isEmpty();
        Screenshots.save(w.scene(), "10-agents-on-this-machine");
        // a narrow window: the page wraps its help and keeps its labels and buttons whole
        interact(() -> {
            javafx.stage.Stage stage = (javafx.stage.Stage) w.scene().getWindow();
            stage.setWidth(720);
            stage.setHeight(640);
        });
        assertThat(truncated(w.scene().getRoot())).as("labels cut to … at 720 px").isEmpty();
        interact(() -> {
            javafx.stage.Stage stage = (javafx.stage.Stage) w.scene().getWindow();
            stage.setWidth(1280); // the stage outlives this test: the next one gets it back as it was
            stage.setHeight(800);
        });

        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();

        // the next start: both come back on (on new free ports: port 0 was remembered)
        FxToolkit.registerPrimaryStage();
        SkillDeskApp again = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir", lib);
        clickOn("#place-settings");
        Label status2 = lookup("#mcpStatus").query();
        waitUntil(() -> status2.getText().startsWith("Serving http://127.0.0.1:"), 20);
        assertThat(((CheckBox) lookup("#mcpOn").query()).isSelected()).isTrue();
        Label otel2 = lookup("#otelStatus").query();
        waitUntil(() -> otel2.getText().startsWith("Receiving at"), 20);

        // switched off: it says so, and the port is free again
        clickOn("#mcpOn");
        waitUntil(() -> status2.getText().equals("Off"), 10);
        FxToolkit.cleanupApplication(again);
        FxToolkit.cleanupStages();
    }

    @Test
    void aPortInUseIsSaidAndTheBoxGoesBackOff() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            FxToolkit.registerPrimaryStage();
            SkillDeskApp app = (SkillDeskApp) FxToolkit.setupApplication(SkillDeskApp.class, "--data-dir",
                    dir.resolve("lib2").toString());
            app.window(); // built once the library is open
            clickOn("#place-settings");
            TextField address = lookup("#mcpAddress").query();
            interact(() -> address.setText("127.0.0.1:" + taken.getLocalPort()));
            clickOn("#mcpOn");
            Label status = lookup("#mcpStatus").query();
            waitUntil(() -> status.getText().startsWith("Could not serve on 127.0.0.1:" + taken.getLocalPort()), 20);
            CheckBox box = lookup("#mcpOn").query();
            waitUntil(() -> !box.isSelected(), 5);
            assertThat(address.isDisabled()).isFalse();
            assertThat(status.getStyleClass()).contains("danger");
            // an address that is none: said, and the box goes back off at once (nothing runs behind it)
            interact(() -> address.setText("127.0.0.1"));
            clickOn("#mcpOn");
            waitUntil(() -> status.getText().contains("is not an address"), 10);
            waitUntil(() -> !box.isSelected(), 5);
            assertThat(address.isDisabled()).isFalse();
            // a port alone is enough
            interact(() -> address.setText("0"));
            clickOn("#mcpOn");
            waitUntil(() -> status.getText().startsWith("Serving http://127.0.0.1:"), 20);
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }
}
