package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.SkillLibrary;
import dev.skilldesk.search.SearchSettings;
import dev.skilldesk.skill.AccessLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "config", description = "Show or set the library's settings, e.g. `config search.embedder ollama` or"
        + " `config library.default-access team`.")
final class ConfigCommand implements Callable<Integer> {
    static final List<String> KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of(SkillLibrary.DEFAULT_ACCESS_KEY),
            SearchSettings.KEYS.stream()).toList();

    @ParentCommand
    SkillDeskCli root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "A setting, such as search.embedder; none: show them all.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value to store; none: show the setting.")
    String value;

    @Override
    public Integer call() {
        if (key != null && !KEYS.contains(key)) {
            root.err.println("skilldesk config: unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            return ExitCodes.USAGE;
        }
        try (SkillDeskCore core = root.open()) {
            if (SkillLibrary.DEFAULT_ACCESS_KEY.equals(key) && value != null) {
                AccessLevel level;
                try {
                    level = AccessLevel.parse(value);
                } catch (IllegalArgumentException e) {
                    root.err.println("skilldesk config: " + key + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                core.library().setDefaultAccess(level);
                root.out.println(key + " = " + level.key() + " (new and imported skills get it from now on)");
                return ExitCodes.OK;
            }
            if (key != null && value != null) {
                core.settings().store(key, value);
                root.out.println(key + " = " + value + " (takes effect the next time the library is opened)");
                return ExitCodes.OK;
            }
            if (key == null || key.equals(SkillLibrary.DEFAULT_ACCESS_KEY)) {
                root.out.println(SkillLibrary.DEFAULT_ACCESS_KEY + " = " + core.library().defaultAccess().key());
            }
            SearchSettings s = core.searchSettings();
            String[][] rows = {
                    {SearchSettings.KEY_EMBEDDER, s.embedder()}, {SearchSettings.KEY_OLLAMA_URL, s.ollamaUrl()},
                    {SearchSettings.KEY_OLLAMA_MODEL, s.ollamaModel()}, {SearchSettings.KEY_VECTOR, s.vectorBackend()},
                    {SearchSettings.KEY_CHROMA_URL, s.chromaUrl()}, {SearchSettings.KEY_CHROMA_COLLECTION, s.chromaCollection()},
                    {SearchSettings.KEY_TEXT, s.embeddingText().name().toLowerCase()}};
            for (String[] r : rows) {
                if (key == null || key.equals(r[0])) {
                    root.out.println(r[0] + " = " + r[1]);
                }
            }
        }
        return ExitCodes.OK;
    }
}
