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
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered before the CLI is built: the quickest command, and the one the installer runs while it dumps
            // the class-data archive, when the JVM refuses what building the CLI does (annotation proxies define a
            // module, which -Xshare:dump forbids)
            System.out.println("skilldesk " + BuildInfo.version());
            return;
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            // constant: the help rendered at build time, without building the command line (a third of a second)
            try (java.io.InputStream in = dev.skilldesk.cli.SkillDeskCli.class.getResourceAsStream(
                    dev.skilldesk.cli.SkillDeskCli.HELP_RESOURCE)) {
                if (in != null) {
                    System.out.write(in.readAllBytes());
                    System.out.flush();
                    return;
                }
            } catch (java.io.IOException unreadable) {
                // picocli renders it below
            }
        }
        // the stdio MCP server's constant answers (initialize, server/discover) before anything else loads
        dev.skilldesk.mcp.StdioFront.startIfServing(args, System.getenv(), BuildInfo.version());
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
