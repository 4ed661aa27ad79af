package dev.skilldesk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What the build wrote about itself ({@code version.properties}). */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The version, e.g. {@code 0.1.0-SNAPSHOT}; {@code dev} when run from classes without it. */
    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/skilldesk/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
