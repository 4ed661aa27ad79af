package dev.skilldesk.ui;

import dev.skilldesk.BackgroundPriority;
import dev.skilldesk.LaunchOptions;
import dev.skilldesk.Logging;
import dev.skilldesk.ui.common.FxTaskExecutor;
import dev.skilldesk.ui.common.Prefs;
import dev.skilldesk.ui.common.WindowFit;
import dev.skilldesk.ui.common.ThemeColors;
import dev.skilldesk.ui.common.UiPreferences;
import dev.skilldesk.ui.shell.BenchScripts;
import dev.skilldesk.ui.shell.DesktopRoot;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The desktop application. The window appears first, titled and at its remembered place, saying that the library is
 * opening; the library opens on a thread of its own meanwhile (started in {@link #init()}), and the window's views
 * are built once it is open. Search starts after that, in the background.
 */
public class SkillDeskApp extends Application {
    private volatile DesktopRoot.Library library;
    private FxTaskExecutor executor;
    private volatile DesktopRoot window;
    /** What the launcher parsed (null when a test starts the app: it parses the raw arguments itself). */
    private static volatile LaunchOptions launched;
    private LaunchOptions options;

    /** The options the launcher parsed, for the app it is about to start. */
    public static void launchWith(LaunchOptions options) {
        launched = options;
    }

    /** Starts the toolkit and the window with the options given to {@link #launchWith}; returns when it closes. */
    public static void run(String[] args) {
        Application.launch(SkillDeskApp.class, args);
    }
    private UiPreferences prefs;
    private Path dataDir;
    private CompletableFuture<DesktopRoot.Library> opening;
    private final CountDownLatch ready = new CountDownLatch(1);

    /** With -Dskilldesk.startupTrace=true: each step of the start, in ms since the JVM started, on stderr. */
    static void trace(String step) {
        if (Boolean.getBoolean("skilldesk.startupTrace")) {
            long since = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.println("startup " + since + " ms: " + step);
        }
    }

    @Override
    public void init() {
        trace("init");
        Logging.configure();
        // the FX and render threads come first: the JIT and concurrent GC threads yield to them
        BackgroundPriority.lowerJvmHelperThreads();
        options = launched != null && launched.raw().equals(getParameters().getRaw()) ? launched
                : LaunchOptions.parse(getParameters().getRaw(), System.getenv());
        dataDir = options.dataDir();
        prefs = UiPreferences.forLibrary(dataDir);
        Map<String, String> env = options.env();
        opening = new CompletableFuture<>();
        Thread open = new Thread(() -> { // at normal priority: the window waits for it
            DesktopRoot.Library opened;
            try {
                opened = DesktopRoot.Library.open(dataDir, env);
                trace("library open");
            } catch (Throwable e) {
                opening.completeExceptionally(e);
                return;
            }
            opening.complete(opened); // the window's views are built now, on the FX thread
            try {
                opened.openSearch(); // meanwhile the search stack opens its indexes here, so Search is ready sooner
                trace("search stack open");
            } catch (RuntimeException closedOrBroken) {
                // the window reports it, when it starts search itself
            }
        }, "skilldesk-library-open");
        open.setDaemon(true);
        open.start();
        executor = new FxTaskExecutor();
    }

    @Override
    public void start(Stage stage) {
        trace("toolkit up");
        Themes.apply(prefs.dark());
        trace("theme");
        stage.setTitle("SkillDesk · " + dataDir);
        var icon = getClass().getResourceAsStream("/icons/skilldesk-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.setScene(opening(prefs));
        stage.sizeToScene(); // the size the window had last time (the scene's), whatever the stage was before
        double x = prefs.get(Prefs.WINDOW_X);
        double y = prefs.get(Prefs.WINDOW_Y);
        if (!Double.isNaN(x) && !Double.isNaN(y) && !Screen.getScreensForRectangle(x, y, 200, 100).isEmpty()) {
            stage.setX(x); // where it was last time (MainWindow keeps it so), before it shows: no jump
            stage.setY(y);
        }
        stage.show();
        trace("shown");
        if (Double.isNaN(x)) {
            stage.centerOnScreen(); // no place remembered: the middle of the screen (once shown, at its real size)
        }
        // the views are built once the "opening" frame has been laid out, so that it is drawn first: building them
        // holds the FX thread for a moment, and a library that opens at once must not leave a blank window meanwhile
        Scene first = stage.getScene();
        Runnable afterFirstFrame = new Runnable() {
            @Override
            public void run() {
                first.removePostLayoutPulseListener(this);
                opening.whenComplete((opened, error) -> Platform.runLater(() -> {
                    if (error != null) {
                        cannotOpen(stage, error);
                    } else {
                        open(stage, opened);
                    }
                }));
            }
        };
        first.addPostLayoutPulseListener(afterFirstFrame);
        Platform.requestNextPulse();
    }

    /** What the window shows while the library opens: its remembered size, a line saying so. */
    private static Scene opening(UiPreferences prefs) {
        Label what = new Label("Opening the library…");
        what.setId("openingLibrary");
        ProgressIndicator spin = new ProgressIndicator();
        spin.setMaxSize(28, 28);
        VBox box = new VBox(12, spin, what);
        box.setAlignment(Pos.CENTER);
        double[] size = WindowFit.sceneSize(prefs.get(Prefs.WINDOW_WIDTH), prefs.get(Prefs.WINDOW_HEIGHT));
        Scene scene = new Scene(box, size[0], size[1]);
        // the window's first frame has the theme's background, not a white flash before the styles apply
        scene.setFill(ThemeColors.of("-color-bg-default", Color.WHITE));
        return scene;
    }

    /** The library is open: the window's views are built and take the window's place. */
    private void open(Stage stage, DesktopRoot.Library opened) {
        library = opened;
        window = new DesktopRoot(stage, library, executor, prefs);
        trace("window built");
        stage.setScene(window.scene());
        window.start();
        trace("started");
        ready.countDown();
        // bench --desktop's scripts (hidden arguments), each printing its figure on stdout
        BenchScripts.run(getParameters().getRaw(), window, line -> {
            System.out.println(line);
            System.out.flush();
        }, SkillDeskApp::trace, Platform::exit);
        // a .skill package the desktop asked us to open (file association) is imported
        for (Path pkg : options.packagesToOpen()) {
            window.libraryViewModel().imports().importPath(pkg, null);
        }
    }

    /** The library could not be opened (locked by a newer SkillDesk, unreadable, …): say why, then quit. */
    private void cannotOpen(Stage stage, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error;
        ready.countDown();
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setHeaderText("The library in " + dataDir + " could not be opened");
        alert.setContentText(String.valueOf(cause.getMessage()));
        alert.showAndWait();
        Platform.exit();
    }

    /** Off the FX thread, waits (up to a minute) for the library to open and the window to be built. */
    private void awaitReady() {
        if (!Platform.isFxApplicationThread()) {
            try {
                ready.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** For tests: the window once built (off the FX thread, this waits for the library to open). */
    public DesktopRoot window() {
        awaitReady();
        return window;
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
        if (library != null) {
            library.close();
        } else if (opening != null) { // closed while the library was opening: close it once it is open
            opening.thenAccept(DesktopRoot.Library::close);
        }
    }
}
