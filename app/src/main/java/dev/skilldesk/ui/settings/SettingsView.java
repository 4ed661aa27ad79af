package dev.skilldesk.ui.settings;

import dev.skilldesk.search.OnnxEmbedder;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.ui.common.AccessChoices;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Settings, laid out in FXML (settings.fxml), bound to {@link SettingsViewModel}. */
public final class SettingsView extends BorderPane {
    private final SettingsViewModel vm;
    @FXML
    private Label dataDir;
    @FXML
    private ChoiceBox<AccessLevel> defaultAccess;
    @FXML
    private ComboBox<String> embedder;
    @FXML
    private TextField ollamaUrl;
    @FXML
    private TextField ollamaModel;
    @FXML
    private ComboBox<String> vectorBackend;
    @FXML
    private TextField chromaUrl;
    @FXML
    private Label testResult;
    @FXML
    private Label breakers;
    @FXML
    private CheckBox darkTheme;
    @FXML
    private Button testOllamaButton;
    @FXML
    private Button testChromaButton;
    @FXML
    private CheckBox mcpOn;
    @FXML
    private TextField mcpAddress;
    @FXML
    private Label mcpStatus;
    @FXML
    private CheckBox otelOn;
    @FXML
    private TextField otelPort;
    @FXML
    private TextField otelGrpcPort;
    @FXML
    private Label otelStatus;
    @FXML
    private Label unmatched;
    private final EndpointsViewModel endpoints;
    private final Consumer<String> notify;

    public SettingsView(SettingsViewModel vm, EndpointsViewModel endpoints, StringProperty breakerState,
                        Consumer<String> notify) {
        this.vm = vm;
        this.endpoints = endpoints;
        this.notify = notify;
        FXMLLoader loader = new FXMLLoader(getClass().getResource("/fxml/settings.fxml"));
        loader.setController(this);
        try {
            setCenter(loader.load());
        } catch (IOException e) {
            throw new UncheckedIOException("settings.fxml is missing from the build", e);
        }
        dataDir.textProperty().bind(vm.dataDirProperty());
        defaultAccess.getItems().setAll(AccessChoices.LEVELS);
        defaultAccess.setConverter(AccessChoices.BY_KEY);
        defaultAccess.valueProperty().bindBidirectional(vm.defaultAccessProperty());
        embedder.getItems().setAll(OnnxEmbedder.Model.installedIds()); // those this install carries
        embedder.getItems().add("ollama");
        embedder.valueProperty().bindBidirectional(vm.embedderProperty());
        ollamaUrl.textProperty().bindBidirectional(vm.ollamaUrlProperty());
        ollamaModel.textProperty().bindBidirectional(vm.ollamaModelProperty());
        vectorBackend.getItems().setAll("embedded", "chroma");
        vectorBackend.valueProperty().bindBidirectional(vm.vectorBackendProperty());
        chromaUrl.textProperty().bindBidirectional(vm.chromaUrlProperty());
        testResult.textProperty().bind(vm.testResultProperty());
        testResult.managedProperty().bind(testResult.textProperty().isNotEmpty()); // no gap while there is none
        breakers.textProperty().bind(breakerState);
        darkTheme.selectedProperty().bindBidirectional(vm.darkProperty());
        ollamaUrl.disableProperty().bind(embedder.valueProperty().isNotEqualTo("ollama"));
        ollamaModel.disableProperty().bind(embedder.valueProperty().isNotEqualTo("ollama"));
        chromaUrl.disableProperty().bind(vectorBackend.valueProperty().isNotEqualTo("chroma"));
        testOllamaButton.disableProperty().bind(ollamaUrl.disableProperty());
        testChromaButton.disableProperty().bind(chromaUrl.disableProperty());

        mcpOn.selectedProperty().bindBidirectional(endpoints.mcpOnProperty());
        mcpAddress.textProperty().bindBidirectional(endpoints.mcpAddressProperty());
        mcpAddress.disableProperty().bind(mcpOn.selectedProperty()); // change the address with the server off
        mcpStatus.textProperty().bind(endpoints.mcpStatusProperty());
        otelOn.selectedProperty().bindBidirectional(endpoints.otelOnProperty());
        otelPort.textProperty().bindBidirectional(endpoints.otelPortProperty());
        otelPort.disableProperty().bind(otelOn.selectedProperty());
        otelGrpcPort.textProperty().bindBidirectional(endpoints.otelGrpcPortProperty());
        otelGrpcPort.disableProperty().bind(otelOn.selectedProperty());
        otelStatus.textProperty().bind(endpoints.otelStatusProperty());
        unmatched.textProperty().bind(endpoints.unmatchedProperty());
        danger(mcpStatus, endpoints.mcpErrorProperty());
        danger(otelStatus, endpoints.otelErrorProperty());
        unmatched.managedProperty().bind(unmatched.textProperty().isNotEmpty());
        unmatched.visibleProperty().bind(unmatched.textProperty().isNotEmpty());
    }

    @FXML
    private void copyMcpCommand() {
        String command = endpoints.claudeCodeCommand();
        if (command == null) {
            notify.accept("Give the MCP server an address with a fixed port first (e.g. 127.0.0.1:8765)");
            return;
        }
        copy(command, "Copied: " + command + (endpoints.mcpRunning() ? ""
                : " (the server is off: switch it on before Claude Code connects)"));
    }

    @FXML
    private void copyOtelEnvironment() {
        String env = endpoints.claudeCodeEnvironment();
        if (env == null) {
            notify.accept("Give the receiver a fixed port first (e.g. 4318)");
            return;
        }
        copy(env, "Copied the environment for Claude Code's telemetry; paste it in the shell you start claude from"
                + (endpoints.otelRunning() ? "" : " (the receiver is off: switch it on first)"));
    }

    /** A status line that says something went wrong is drawn as an error, not as muted text. */
    private static void danger(Label status, ObservableValue<Boolean> error) {
        Runnable apply = () -> {
            status.getStyleClass().removeAll("danger", "text-muted");
            status.getStyleClass().add(Boolean.TRUE.equals(error.getValue()) ? "danger" : "text-muted");
        };
        error.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    private void copy(String text, String message) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        notify.accept(message);
    }

    @FXML
    private void save() {
        vm.saveBackends();
    }

    @FXML
    private void testOllama() {
        vm.testOllama();
    }

    @FXML
    private void testChroma() {
        vm.testChroma();
    }
}
