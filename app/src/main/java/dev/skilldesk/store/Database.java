package dev.skilldesk.store;

import com.j256.ormlite.dao.Dao;
import com.j256.ormlite.dao.DaoManager;
import com.j256.ormlite.jdbc.JdbcPooledConnectionSource;
import com.j256.ormlite.misc.TransactionManager;
import com.j256.ormlite.support.DatabaseConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

/**
 * The library's SQLite file, opened through ORMLite. WAL mode, foreign keys on, a busy timeout and
 * {@code BEGIN IMMEDIATE} write transactions, so the desktop app, the CLI and the MCP server can
 * share one file. Opening migrates an older schema and refuses a newer one.
 */
public final class Database implements AutoCloseable {
    public static final String FILE_NAME = "skilldesk.db";
    /** How long a writer waits for another process's write lock before giving up. */
    public static final int BUSY_TIMEOUT_MS = 15_000;

    static {
        // ORMLite logs every DAO and connection at DEBUG by default; only problems matter here.
        com.j256.ormlite.logger.Logger.setGlobalLogLevel(com.j256.ormlite.logger.Level.WARNING);
    }

    private final Path file;
    private final JdbcPooledConnectionSource source;
    private final Dao<SkillRow, Long> skills;
    private final Dao<SkillVersionRow, Long> versions;
    private final Dao<SkillFileRow, Long> files;
    private final Dao<ShareRow, Long> shares;

    private Database(Path file, JdbcPooledConnectionSource source) throws SQLException {
        this.file = file;
        this.source = source;
        this.skills = DaoManager.createDao(source, SkillRow.class);
        this.versions = DaoManager.createDao(source, SkillVersionRow.class);
        this.files = DaoManager.createDao(source, SkillFileRow.class);
        this.shares = DaoManager.createDao(source, ShareRow.class);
    }

    /** Opens (creating if needed) the library in {@code dataDir}, migrating it to the latest schema. */
    public static Database open(Path dataDir) {
        return open(dataDir, Migrations.latest());
    }

    /** Opens and migrates only up to {@code targetVersion}; tests use it to make older files. */
    static Database open(Path dataDir, int targetVersion) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StoreException("the library " + file + " is read-only; SkillDesk needs to write to it");
        }
        JdbcPooledConnectionSource source = null;
        try {
            source = new JdbcPooledConnectionSource(url(file));
            source.setMaxConnectionsFree(8);
            source.setTestBeforeGet(false);
            source.initialize();
            Database db = new Database(file, source);
            db.migrate(targetVersion);
            return db;
        } catch (SQLException e) {
            closeQuietly(source);
            throw new StoreException("cannot open the library " + file + ": " + rootMessage(e), e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true"
                + "&busy_timeout=" + BUSY_TIMEOUT_MS + "&transaction_mode=IMMEDIATE";
    }

    private void migrate(int targetVersion) throws SQLException {
        DatabaseConnection dc = source.getReadWriteConnection(null);
        try {
            Connection c = (Connection) dc.getUnderlyingConnection();
            int current = userVersion(c);
            if (current > Migrations.latest()) {
                throw new StoreException("the library " + file + " was written by a newer SkillDesk (schema "
                        + current + "); this version reads schema " + Migrations.latest()
                        + " and older. Install the newer SkillDesk or use another --data-dir.");
            }
            if (current >= targetVersion) {
                return;
            }
            c.setAutoCommit(false); // BEGIN IMMEDIATE: a second process migrating at once waits here
            try (Statement st = c.createStatement()) {
                int again = userVersion(c);
                for (Migration m : Migrations.ALL) {
                    if (m.version() > again && m.version() <= targetVersion) {
                        for (String sql : m.statements()) {
                            st.execute(sql);
                        }
                        st.execute("PRAGMA user_version = " + m.version());
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            source.releaseConnection(dc);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The schema version of the open file. */
    public int schemaVersion() {
        return withJdbc(Database::userVersion);
    }

    /** Runs {@code work} in one write transaction; ORMLite DAO calls inside it share its connection. */
    public <T> T inTransaction(Callable<T> work) {
        try {
            return TransactionManager.callInTransaction(source, work);
        } catch (SQLException e) {
            throw new StoreException("write to " + file + " failed: " + rootMessage(e), e);
        }
    }

    /** A JDBC task on a pooled connection (for the hand-written queries ORMLite has no words for). */
    public <T> T withJdbc(JdbcWork<T> work) {
        DatabaseConnection dc = null;
        try {
            dc = source.getReadWriteConnection(null);
            return work.run((Connection) dc.getUnderlyingConnection());
        } catch (SQLException e) {
            throw new StoreException("query on " + file + " failed: " + rootMessage(e), e);
        } finally {
            if (dc != null) {
                try {
                    source.releaseConnection(dc);
                } catch (SQLException ignored) {
                    // the pool closes it
                }
            }
        }
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface JdbcWork<T> {
        T run(Connection connection) throws SQLException;
    }

    public Path file() {
        return file;
    }

    Dao<SkillRow, Long> skills() {
        return skills;
    }

    Dao<SkillVersionRow, Long> versions() {
        return versions;
    }

    Dao<SkillFileRow, Long> files() {
        return files;
    }

    Dao<ShareRow, Long> shares() {
        return shares;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void closeQuietly(JdbcPooledConnectionSource s) {
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA optimize");
            }
            return null;
        });
        closeQuietly(source);
    }
}
