package dev.skilldesk.ui;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.cli.SkillDeskCli;
import dev.skilldesk.library.LocalIdentity;
import dev.skilldesk.ui.common.FxTaskExecutor;
import dev.skilldesk.ui.settings.UiPreferences;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop application. The library is opened in {@link #init()}, which JavaFX runs off the FX
 * thread; the window appears with the library loading and search starting in the background.
 */
public class SkillDeskApp extends Application {
    private SkillDeskCore core;
    private FxTaskExecutor executor;
    private MainWindow window;
    private UiPreferences prefs;

    /** With -Dskilldesk.startupTrace=true: each step of the start, in ms since the JVM started, on stderr (#18). */
    static void trace(String step) {
        if (Boolean.getBoolean("skilldesk.startupTrace")) {
            long since = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("startup " + since + " ms: " + step);
        }
    }

    @Override
    public void init() {
        trace("init");
        SkillDeskCli.configureLogging();
        // the FX and render threads come first: the JIT and concurrent GC threads yield to them
        dev.skilldesk.BackgroundPriority.lowerJvmHelperThreads();
        Path dataDir = dataDir(getParameters().getRaw());
        prefs = UiPreferences.forLibrary(dataDir);
        java.util.Map<String, String> env = environment(getParameters().getRaw(), System.getenv());
        core = SkillDeskCore.openWithStarter(dataDir, LocalIdentity.principal(null, null, env), env);
        trace("library open");
        executor = new FxTaskExecutor();
    }

    static Path dataDir(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--data-dir") && i + 1 < args.size()) {
                return Path.of(args.get(i + 1)).toAbsolutePath();
            }
            if (args.get(i).startsWith("--data-dir=")) {
                return Path.of(args.get(i).substring("--data-dir=".length())).toAbsolutePath();
            }
        }
        return LocalIdentity.dataDir(null, System.getenv());
    }

    /**
     * The environment, with {@code --home DIR}: agents' global folders under DIR (HOME set to it; XDG_CONFIG_HOME,
     * CLAUDE_CONFIG_DIR and CODEX_HOME dropped), to try installs in a sandbox without touching the real ones.
     */
    static java.util.Map<String, String> environment(List<String> args, java.util.Map<String, String> env) {
        for (int i = 0; i < args.size(); i++) {
            String home = args.get(i).equals("--home") && i + 1 < args.size() ? args.get(i + 1)
                    : args.get(i).startsWith("--home=") ? args.get(i).substring("--home=".length()) : null;
            if (home != null) {
                java.util.Map<String, String> m = new java.util.HashMap<>(env);
                m.put("HOME", Path.of(home).toAbsolutePath().toString());
                m.keySet().removeAll(List.of("XDG_CONFIG_HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "USERPROFILE"));
                return m;
            }
        }
        return env;
    }

    @Override
    public void start(Stage stage) {
        trace("toolkit up");
        Themes.apply(prefs.dark());
        trace("theme");
        window = new MainWindow(stage, core, executor, prefs);
        trace("window built");
        stage.setTitle("SkillDesk · " + core.dataDir());
        var icon = getClass().getResourceAsStream("/icons/skilldesk-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setScene(window.scene());
        stage.sizeToScene(); // the size the window had last time (the scene's), whatever the stage was before
        stage.show();
        trace("shown");
        if (Double.isNaN(prefs.number("window.x", Double.NaN))) {
            stage.centerOnScreen(); // no place remembered: the middle of the screen (once shown, at its real size)
        }
        window.start();
        trace("started");
        if (getParameters().getRaw().contains("--bench-pan")) { // bench --desktop: the Map's frame time, then exit
            window.benchPan(line -> {
                System.out.println(line);
                System.out.flush();
                javafx.application.Platform.exit();
            });
        }
        // a .skill package the desktop asked us to open (file association) is imported
        for (String arg : getParameters().getRaw()) {
            if (Launcher.isPackageToOpen(arg)) {
                window.libraryViewModel().importPath(Path.of(arg).toAbsolutePath(), null);
            }
        }
    }

    /** For tests: the window once started. */
    public MainWindow window() {
        return window;
    }

    public SkillDeskCore core() {
        return core;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
        if (prefs != null) {
            prefs.flush();
        }
        executor.close();
        core.close();
    }
}
