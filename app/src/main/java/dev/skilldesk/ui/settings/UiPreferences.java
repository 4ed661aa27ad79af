package dev.skilldesk.ui.settings;

import java.util.prefs.Preferences;

/** Per-user UI preferences (theme, listing budget, last data directory), kept by java.util.prefs. */
public final class UiPreferences {
    /** Characters of skill listing an agent's context allows (Claude Code's default is about this). */
    public static final int DEFAULT_LISTING_BUDGET = 8_000;
    private final Preferences node;

    public UiPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences; tests point {@code skilldesk.prefs.node} at a throw-away node. */
    public static UiPreferences forUser() {
        return new UiPreferences(Preferences.userRoot().node(System.getProperty("skilldesk.prefs.node", "dev/skilldesk")));
    }

    public boolean dark() {
        return node.getBoolean("theme.dark", false);
    }

    public void setDark(boolean dark) {
        node.putBoolean("theme.dark", dark);
    }

    public int listingBudget() {
        return node.getInt("listing.budget", DEFAULT_LISTING_BUDGET);
    }

    public void setListingBudget(int chars) {
        node.putInt("listing.budget", Math.max(100, chars));
    }

    public String dataDir() {
        return node.get("data.dir", null);
    }

    public void setDataDir(String dir) {
        node.put("data.dir", dir);
    }
}
