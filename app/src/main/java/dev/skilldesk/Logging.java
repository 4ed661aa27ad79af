package dev.skilldesk;

import dev.skilldesk.skill.Printable;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * SkillDesk's logging, for every face (the window, the CLI, the MCP server): warnings and worse on stderr, one line
 * each, with text from outside escaped ({@link Printable}), unless the user configured java.util.logging.
 */
public final class Logging {
    private Logging() {
    }

    /** Reads the shipped configuration and escapes what the console handler prints. */
    public static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Logging.class.getResourceAsStream("/dev/skilldesk/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            // keep the JDK defaults
        }
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof ConsoleHandler) {
                h.setFormatter(new EscapingFormatter());
            }
        }
    }

    /** The shipped one-line format, with control and bidi characters in the message shown escaped. */
    static final class EscapingFormatter extends SimpleFormatter {
        @Override
        public String format(LogRecord record) {
            String line = super.format(record);
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
                end--;
            }
            return Printable.text(line.substring(0, end)) + line.substring(end);
        }
    }
}
