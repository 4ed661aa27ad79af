package dev.skilldesk.ui.common;

import dev.skilldesk.library.ListingBudget;

/** Every preference the window keeps across restarts, with its key and default: the one place a key is written. */
public final class Prefs {
    private Prefs() {
    }

    public static final Pref<Boolean> DARK = Pref.flag("theme.dark", false);

    public static final Pref<Double> WINDOW_X = Pref.number("window.x", Double.NaN);
    public static final Pref<Double> WINDOW_Y = Pref.number("window.y", Double.NaN);
    public static final Pref<Double> WINDOW_WIDTH = Pref.number("window.width", 1280);
    public static final Pref<Double> WINDOW_HEIGHT = Pref.number("window.height", 800);
    public static final Pref<Boolean> WINDOW_MAXIMIZED = Pref.flag("window.maximized", false);

    /** The place shown (its feature's id). */
    public static final Pref<String> PLACE = Pref.text("shell.place", "library");
    /** The open skills ("ns/name", tab-separated, in strip order). */
    public static final Pref<String> OPEN_SKILLS = Pref.text("tabs.open", "");
    /** The open skill shown, when a skill rather than a place was in front ("ns/name"). */
    public static final Pref<String> ACTIVE_SKILL = Pref.text("shell.activeSkill", "");
    /** Which of the skill in front's tabs was shown (tab-edit, tab-versions, tab-layers, tab-triggers). */
    public static final Pref<String> ACTIVE_TAB = Pref.text("shell.activeTab", "tab-edit");
    /** The open files of a skill, and the one shown ("ns/name" → "path", …). */
    public static final Pref<String> OPEN_FILE = Pref.text("editor.file", "");

    public static final Pref<String> LIBRARY_SELECTED = Pref.text("library.selected", "");
    /** A split pane's divider in the Library ({@code .at(i)}). */
    public static final Pref<Double> LIBRARY_SPLIT = Pref.number("split.library", Double.NaN);
    public static final Pref<Boolean> WELCOME_DISMISSED = Pref.flag("welcome.dismissed", false);

    public static final Pref<String> IMPORT_MAPPING = Pref.text("import.mapping", "NONE");

    public static final Pref<Boolean> EDITOR_WRAP = Pref.flag("editor.wrap", true);
    public static final Pref<Boolean> EDITOR_PREVIEW = Pref.flag("editor.preview", false);

    public static final Pref<String> INSTALL_PROJECT = Pref.text("install.project", "");
    public static final Pref<String> INSTALL_SCOPE = Pref.text("install.scope", "global");
    public static final Pref<String> APPLY_SCOPE = Pref.text("apply.scope", "project");
    public static final Pref<String> INSTALL_AGENTS = Pref.text("install.agents", "");
    public static final Pref<Boolean> INSTALL_LINK = Pref.flag("install.link", false);

    public static final Pref<Double> LISTING_CONTEXT = Pref.number("listing.context",
            ListingBudget.DEFAULT_CONTEXT_TOKENS);
    public static final Pref<Double> LISTING_PERCENT = Pref.number("listing.percent",
            ListingBudget.DEFAULT_FRACTION * 100);
    public static final Pref<Double> LISTING_MAX_DESCRIPTION = Pref.number("listing.maxDescription",
            ListingBudget.DEFAULT_MAX_DESCRIPTION_CHARS);

    public static final Pref<String> SOURCES_AUTO_FETCH = Pref.text("sources.autoFetch", "OFF");

    public static final Pref<Boolean> MCP_ON = Pref.flag("agents.mcp.on", false);
    public static final Pref<String> MCP_ADDRESS = Pref.text("agents.mcp.address", "127.0.0.1:8765");
    public static final Pref<Boolean> OTEL_ON = Pref.flag("agents.otel.on", false);
    public static final Pref<String> OTEL_PORT = Pref.text("agents.otel.port", "4318");
    /** OTLP/gRPC's port beside it (Claude Code's docs start with gRPC on 4317); the first port takes gRPC too. */
    public static final Pref<String> OTEL_GRPC_PORT = Pref.text("agents.otel.grpcPort", "4317");
}
