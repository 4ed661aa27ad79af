package dev.skilldesk;

import dev.skilldesk.cli.SkillDeskCli;
import dev.skilldesk.ui.SkillDeskApp;

/**
 * The process's entry point, above the faces: it reads the arguments once ({@link LaunchOptions}) and starts the
 * desktop app (no command) or the CLI (a command: {@code search}, {@code mcp}, {@code --version} …). A plain class,
 * not a JavaFX application, so JavaFX may sit on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        CrashReports.prepare();
        LaunchOptions options = LaunchOptions.parse(java.util.List.of(args), System.getenv());
        if (options.gui()) {
            dev.skilldesk.library.LocalIdentity.adoptHome(options.env());
            SkillDeskApp.launchWith(options);
            SkillDeskApp.run(args);
        } else {
            SkillDeskCli.main(args);
        }
    }
}
