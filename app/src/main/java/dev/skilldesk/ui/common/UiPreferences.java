package dev.skilldesk.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The window's preferences (theme, listing budget), kept in {@code ui-preferences.properties} beside the
 * library they belong to: not in the library's tables (they are no library writes) and not in
 * {@code ~/.java} (which follows the account, not {@code $HOME}). Each change is written soon after, off the
 * UI thread, through a temporary file and a rename, so a crash leaves the old file or the new one;
 * {@link #flush} waits for the last write (on close).
 */
public final class UiPreferences {
    static final String FILE_NAME = "ui-preferences.properties";
    private static final Logger LOG = Logger.getLogger(UiPreferences.class.getName());

    private final Path file;
    private final Properties values = new Properties();
    /** One writer thread: writes are ordered, and the UI thread never waits on the disk. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "skilldesk-preferences");
        t.setDaemon(true);
        return t;
    });

    /** The preferences kept in {@code file}; a missing or unreadable file means the defaults. */
    public UiPreferences(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, file + ": unreadable, using the defaults: " + e.getMessage());
            }
        }
    }

    /** The preferences of the library in {@code dataDir}. */
    public static UiPreferences forLibrary(Path dataDir) {
        return new UiPreferences(dataDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** The preference's value: its default when unset or unreadable (a file edited by hand). */
    public <T> T get(Pref<T> pref) {
        String raw = values.getProperty(pref.key());
        if (raw == null) {
            return pref.fallback();
        }
        try {
            return pref.parse().apply(raw);
        } catch (RuntimeException unreadable) {
            return pref.fallback();
        }
    }

    /** Sets the preference (written to the file on the writer thread). */
    public <T> void set(Pref<T> pref, T value) {
        put(pref.key(), pref.format().apply(value));
    }

    public boolean dark() {
        return get(Prefs.DARK);
    }

    public void setDark(boolean dark) {
        set(Prefs.DARK, dark);
    }


    /** A yes/no preference (soft wrap, the preview pane, …). */
    boolean flag(String key, boolean def) {
        return Boolean.parseBoolean(values.getProperty(key, Boolean.toString(def)));
    }

    void setFlag(String key, boolean value) {
        put(key, Boolean.toString(value));
    }

    /** A number preference (window size, split positions); {@code def} when unset or unreadable. */
    double number(String key, double def) {
        try {
            double v = Double.parseDouble(values.getProperty(key, Double.toString(def)));
            return Double.isFinite(v) ? v : def;
        } catch (NumberFormatException e) {
            return def;
        }
    }

    void setNumber(String key, double value) {
        put(key, Double.toString(value));
    }

    /** A text preference (the open tabs, the selected skill); {@code def} when unset. */
    String text(String key, String def) {
        return values.getProperty(key, def);
    }

    void setText(String key, String value) {
        put(key, value == null ? "" : value);
    }

    /** Waits (briefly) until every change so far is on disk. */
    public void flush() {
        try {
            writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "preferences not flushed", e);
        }
    }

    private synchronized void put(String key, String value) {
        if (value.equals(values.getProperty(key))) {
            return;
        }
        values.setProperty(key, value);
        Properties snapshot = (Properties) values.clone();
        writer.execute(() -> write(snapshot));
    }

    private void write(Properties snapshot) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".ui-preferences-", ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    snapshot.store(out, "SkillDesk window preferences");
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, file + ": could not save the preferences: " + e.getMessage());
        }
    }
}
