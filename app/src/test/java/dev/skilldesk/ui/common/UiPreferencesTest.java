package dev.skilldesk.ui.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's preferences are a file beside the library, not ~/.java and not library rows. */
class UiPreferencesTest {
    @TempDir
    Path dir;

    @Test
    void theWindowsPreferencesLiveBesideTheLibraryAndSurviveARestart() {
        Path lib = dir.resolve("lib");
        UiPreferences prefs = UiPreferences.forLibrary(lib);
        assertThat(prefs.dark()).isFalse();
        prefs.setDark(true);
        prefs.setNumber("listing.context", 12_345);
        prefs.setFlag("editor.wrap", true);
        prefs.setNumber("window.width", 1200.5);
        prefs.setText("tabs.open", "default/a\tdefault/b");
        prefs.flush();
        assertThat(lib.resolve("ui-preferences.properties")).exists();
        UiPreferences again = UiPreferences.forLibrary(lib);
        assertThat(again.dark()).isTrue();
        assertThat(again.number("listing.context", 0)).isEqualTo(12_345);
        assertThat(again.flag("editor.wrap", false)).isTrue();
        assertThat(again.number("window.width", 0)).isEqualTo(1200.5);
        assertThat(again.text("tabs.open", "")).isEqualTo("default/a\tdefault/b");
    }

    @Test
    void aDamagedFileMeansTheDefaults() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("ui-preferences.properties"), "listing.budget=lots\ntheme.dark=\\u00zz\n");
        UiPreferences prefs = UiPreferences.forLibrary(lib);
        assertThat(prefs.number("listing.context", 7)).isEqualTo(7);
        assertThat(prefs.dark()).isFalse();
    }
}
