package dev.skilldesk.ui.settings;

import dev.skilldesk.search.CircuitBreaker;
import dev.skilldesk.search.LibrarySettings;
import dev.skilldesk.search.OllamaEmbedder;
import dev.skilldesk.search.SearchSettings;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.ui.common.DialogService;
import dev.skilldesk.ui.common.TaskExecutor;
import dev.skilldesk.ui.common.UiPreferences;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings: embedding and vector backends (stored in the library), with connection tests; the
 * theme and the agent's listing budget (stored per user by {@link UiPreferences}).
 */
public final class SettingsViewModel {
    private final LibrarySettings settings;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UiPreferences prefs;
    private final StringProperty embedder = new SimpleStringProperty();
    private final StringProperty ollamaUrl = new SimpleStringProperty();
    private final StringProperty ollamaModel = new SimpleStringProperty();
    private final StringProperty vectorBackend = new SimpleStringProperty();
    private final StringProperty chromaUrl = new SimpleStringProperty();
    private final StringProperty testResult = new SimpleStringProperty("");
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final StringProperty dataDir = new SimpleStringProperty();
    /** The access level new and imported skills get: a setting of the library. */
    private final ObjectProperty<AccessLevel> defaultAccess =
            new SimpleObjectProperty<>();

    /** Where the library keeps its default access level (read and written in the background). */
    public interface DefaultAccess {
        AccessLevel read();

        void write(AccessLevel level);
    }

    public SettingsViewModel(LibrarySettings settings, Path libraryDir, TaskExecutor executor,
                             DialogService dialogs, UiPreferences prefs, DefaultAccess access) {
        this.settings = settings;
        executor.run("Reading the default access", access::read, level -> {
            defaultAccess.set(level);
            defaultAccess.addListener((o, a, b) -> {
                if (b != null && b != a) {
                    executor.run("Saving the default access", () -> {
                        access.write(b);
                        return b;
                    }, saved -> dialogs.notify("New and imported skills are " + saved.key() + " from now on"),
                            e -> dialogs.showError("Could not save the default access", e.getMessage()));
                }
            });
        }, e -> dialogs.showError("Could not read the default access", e.getMessage()));
        this.executor = executor;
        this.dialogs = dialogs;
        this.prefs = prefs;
        // the form edits what the library stores; an environment override is in effect but never saved
        SearchSettings s = settings.stored();
        embedder.set(s.embedder());
        ollamaUrl.set(s.ollamaUrl());
        ollamaModel.set(s.ollamaModel());
        vectorBackend.set(s.vectorBackend());
        chromaUrl.set(s.chromaUrl());
        dark.set(prefs.dark());
        dataDir.set(libraryDir.toString());
        dark.addListener((o, a, b) -> prefs.setDark(b));
    }

    public ObjectProperty<AccessLevel> defaultAccessProperty() {
        return defaultAccess;
    }

    /** Stores the backend choices; they take effect when the library is next opened. */
    public void saveBackends() {
        executor.run("Saving settings", () -> {
            settings.store(SearchSettings.KEY_EMBEDDER, embedder.get());
            settings.store(SearchSettings.KEY_OLLAMA_URL, ollamaUrl.get());
            settings.store(SearchSettings.KEY_OLLAMA_MODEL, ollamaModel.get());
            settings.store(SearchSettings.KEY_VECTOR, vectorBackend.get());
            settings.store(SearchSettings.KEY_CHROMA_URL, chromaUrl.get());
            return null;
        }, r -> dialogs.notify("Search settings saved; they apply when SkillDesk next starts"),
                e -> dialogs.showError("Could not save settings", e.getMessage()));
    }

    public void testOllama() {
        testResult.set("Testing Ollama at " + ollamaUrl.get() + "…");
        executor.run("Testing Ollama", () -> new OllamaEmbedder(ollamaUrl.get(), ollamaModel.get(), Duration.ofSeconds(5),
                CircuitBreaker.standard("ollama")).test(), testResult::set,
                e -> testResult.set("Ollama test failed: " + e.getMessage()));
    }

    public void testChroma() {
        testResult.set("Testing Chroma at " + chromaUrl.get() + "…");
        executor.run("Testing Chroma", () -> {
            HttpURLConnection c = (HttpURLConnection) URI.create(chromaUrl.get() + "/api/v2/heartbeat").toURL().openConnection();
            c.setConnectTimeout(3_000);
            c.setReadTimeout(3_000);
            int code = c.getResponseCode();
            return code == 200 ? "Chroma at " + chromaUrl.get() + " answered its V2 heartbeat"
                    : "Chroma answered HTTP " + code + " (is it Chroma 1.x with the V2 API?)";
        }, testResult::set, e -> testResult.set("Chroma test failed: " + e.getMessage()));
    }

    public StringProperty embedderProperty() {
        return embedder;
    }

    public StringProperty ollamaUrlProperty() {
        return ollamaUrl;
    }

    public StringProperty ollamaModelProperty() {
        return ollamaModel;
    }

    public StringProperty vectorBackendProperty() {
        return vectorBackend;
    }

    public StringProperty chromaUrlProperty() {
        return chromaUrl;
    }

    public StringProperty testResultProperty() {
        return testResult;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }


    public StringProperty dataDirProperty() {
        return dataDir;
    }
}
