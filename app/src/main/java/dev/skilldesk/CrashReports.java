package dev.skilldesk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the JVM writes a crash report (hs_err) or a heap dump: the installed launcher names
 * {@code ~/.skilldesk/logs} ({@code packaging/build-installer.sh}), the {@code skilldesk} script the library's own logs.
 * The JVM falls back to the working directory (for an agent's MCP server: the user's project) when that folder does
 * not exist, so every start of the installed app makes it.
 */
public final class CrashReports {
    private CrashReports() {
    }

    /** Makes the installed launcher's crash folder (a no-op outside the installed app). */
    public static void prepare() {
        if (System.getProperty("jpackage.app-path") == null) {
            return; // not the installed launcher: the script names (and makes) its own folder
        }
        try {
            // $HOME, as the launcher expanded it in the .cfg
            Path home = dev.skilldesk.library.LocalIdentity.home(System.getenv());
            Files.createDirectories(home.resolve(".skilldesk").resolve("logs"));
        } catch (IOException | RuntimeException e) {
            // a read-only home: the JVM writes its report where it can
        }
    }
}
