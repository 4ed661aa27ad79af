package dev.skilldesk.ui.settings;

import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Settings, laid out in FXML (settings.fxml), bound to {@link SettingsViewModel}. */
public final class SettingsView extends BorderPane {
    private final SettingsViewModel vm;
    @FXML
    private Label dataDir;
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

    public SettingsView(SettingsViewModel vm, javafx.beans.property.StringProperty breakerState) {
        this.vm = vm;
        FXMLLoader loader = new FXMLLoader(getClass().getResource("/fxml/settings.fxml"));
        loader.setController(this);
        try {
            setCenter(loader.load());
        } catch (IOException e) {
            throw new UncheckedIOException("settings.fxml is missing from the build", e);
        }
        dataDir.textProperty().bind(vm.dataDirProperty());
        embedder.getItems().setAll("onnx:all-minilm-l6-v2-q", "onnx:bge-small-en-v15-q", "ollama");
        embedder.valueProperty().bindBidirectional(vm.embedderProperty());
        ollamaUrl.textProperty().bindBidirectional(vm.ollamaUrlProperty());
        ollamaModel.textProperty().bindBidirectional(vm.ollamaModelProperty());
        vectorBackend.getItems().setAll("embedded", "chroma");
        vectorBackend.valueProperty().bindBidirectional(vm.vectorBackendProperty());
        chromaUrl.textProperty().bindBidirectional(vm.chromaUrlProperty());
        testResult.textProperty().bind(vm.testResultProperty());
        breakers.textProperty().bind(breakerState);
        darkTheme.selectedProperty().bindBidirectional(vm.darkProperty());
        ollamaUrl.disableProperty().bind(embedder.valueProperty().isNotEqualTo("ollama"));
        ollamaModel.disableProperty().bind(embedder.valueProperty().isNotEqualTo("ollama"));
        chromaUrl.disableProperty().bind(vectorBackend.valueProperty().isNotEqualTo("chroma"));
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
