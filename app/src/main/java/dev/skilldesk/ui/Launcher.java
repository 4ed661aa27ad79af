package dev.skilldesk.ui;

import dev.skilldesk.cli.SkillDeskCli;
import javafx.application.Application;

/**
 * The entry point for both faces of SkillDesk: with no arguments (or only {@code --data-dir}, {@code --home}) it opens
 * the desktop app; with a command ({@code search}, {@code mcp}, {@code --version}, …) it runs the CLI.
 * A plain class, not an {@link Application}, so JavaFX may sit on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        dev.skilldesk.CrashReports.prepare();
        if (isGui(args)) {
            dev.skilldesk.library.LocalIdentity.adoptHome(System.getenv());
            Application.launch(SkillDeskApp.class, args);
        } else {
            SkillDeskCli.main(args);
        }
    }

    /**
     * No command: only {@code --data-dir}, {@code --home}, {@code --gui}, or packages to open (a double-clicked
     * .skill file).
     */
    static boolean isGui(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") || args[i].equals("--home")) {
                i++;
            } else if (!args[i].startsWith("--data-dir=") && !args[i].startsWith("--home=") && !args[i].equals("--gui")
                    && !BenchScripts.isBenchArgument(args[i])
                    && !isPackageToOpen(args[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean isPackageToOpen(String arg) {
        java.nio.file.Path p = java.nio.file.Path.of(arg);
        return java.nio.file.Files.isRegularFile(p) && dev.skilldesk.library.Importer.isPackage(p);
    }
}
