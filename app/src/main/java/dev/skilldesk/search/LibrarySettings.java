package dev.skilldesk.search;

import dev.skilldesk.store.SkillStore;

import java.util.HashMap;
import java.util.Map;

/**
 * The search settings a library stores, kept apart from the ones in effect: the environment may override a
 * stored value for one run (SKILLDESK_EMBEDDER and the like), and that override is never written back.
 */
public final class LibrarySettings {
    private final SkillStore store;
    private final Map<String, String> env;

    public LibrarySettings(SkillStore store, Map<String, String> env) {
        this.store = store;
        this.env = Map.copyOf(env);
    }

    /** The settings in effect: the environment's overrides over what the library stores. */
    public SearchSettings effective() {
        return SearchSettings.from(storedValues(), env);
    }

    /** The settings as the library stores them (defaults where unset), without the environment's overrides. */
    public SearchSettings stored() {
        return SearchSettings.from(storedValues(), Map.of());
    }

    /** Stores a setting (one of {@link SearchSettings#KEYS}); it applies when the library is next opened. */
    public void store(String key, String value) {
        if (!SearchSettings.KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ",
                    SearchSettings.KEYS) + ")");
        }
        if (key.equals(SearchSettings.KEY_EMBEDDER) && value != null && !value.strip().equalsIgnoreCase("ollama")) {
            OnnxEmbedder.Model m = OnnxEmbedder.Model.parse(value.strip()); // unknown: refused, naming the known
            if (!m.installed()) {
                throw new IllegalArgumentException("the model " + m.id() + " is not in this installation (it carries "
                        + String.join(", ", OnnxEmbedder.Model.installedIds()) + ", or ollama)");
            }
        }
        store.putSetting(key, value);
    }

    private Map<String, String> storedValues() {
        Map<String, String> stored = new HashMap<>();
        for (String k : SearchSettings.KEYS) {
            store.setting(k).ifPresent(v -> stored.put(k, v));
        }
        return stored;
    }
}
