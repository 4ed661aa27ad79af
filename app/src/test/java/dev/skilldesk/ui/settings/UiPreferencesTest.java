package dev.skilldesk.ui.settings;

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
        prefs.setListingBudget(12_345);
        assertThat(lib.resolve("ui-preferences.properties")).exists();
        UiPreferences again = UiPreferences.forLibrary(lib);
        assertThat(again.dark()).isTrue();
        assertThat(again.listingBudget()).isEqualTo(12_345);
    }

    @Test
    void aDamagedFileMeansTheDefaults() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("ui-preferences.properties"), "listing.budget=lots\ntheme.dark=\\u00zz\n");
        UiPreferences prefs = UiPreferences.forLibrary(lib);
        assertThat(prefs.listingBudget()).isEqualTo(UiPreferences.DEFAULT_LISTING_BUDGET);
        assertThat(prefs.dark()).isFalse();
    }
}
