package dev.skilldesk.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The data directory's layout: what SkillDesk writes directly under it. Each entry is checked by the write rule
 * ({@link WriteRoot}) when a library opens: a link there (say {@code sources -> /home/you}) would carry every clone,
 * index or copy written into it out of the data directory, so the library refuses to open and says which.
 */
public final class DataDirectory {
    /** Installed copies SkillDesk keeps for linked installs. */
    public static final String INSTALLED = "installed";
    /** Git sources' bare clones. */
    public static final String SOURCES = "sources";
    /** The vector index files. */
    public static final String INDEX = "index";
    /** The map's layout cache. */
    public static final String MAP = "map";
    /** Logs, and crash reports of the JVM. */
    public static final String LOGS = "logs";
    /** Skill folders switched off for an agent, kept until switched back on. */
    public static final String KEEP = "keep";
    /** The window's remembered state. */
    public static final String UI_PREFERENCES = "ui-preferences.properties";

    private DataDirectory() {
    }

    /**
     * Checks every place SkillDesk writes under {@code dataDir} ({@code files}: the database's own, named by the
     * store) and makes the logs folder.
     *
     * @throws WriteRoot.UnsafePathException naming the first entry that is a link or not what it should be
     */
    public static void prepare(Path dataDir, List<String> files) throws IOException {
        WriteRoot root = WriteRoot.of(dataDir);
        for (String entry : List.of(INSTALLED, SOURCES, INDEX, MAP, LOGS, KEEP, UI_PREFERENCES)) {
            root.check(root.root().resolve(entry));
        }
        for (String f : files) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                root.check(root.root().resolve(f + suffix));
            }
        }
        root.createDirectories(root.root().resolve(LOGS));
    }

    /** The logs folder of {@code dataDir}. */
    public static Path logs(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(LOGS);
    }
}
