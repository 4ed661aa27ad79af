package dev.skilldesk.store;

import dev.skilldesk.skill.StoreException;
import com.j256.ormlite.dao.Dao;
import com.j256.ormlite.dao.DaoManager;
import com.j256.ormlite.jdbc.JdbcPooledConnectionSource;
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
    /** One write transaction at a time within this process (fair: first come, first served). */
    private final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock(true);
    private final Dao<SkillRow, Long> skills;
    private final Dao<SkillVersionRow, Long> versions;
    private final Dao<SkillFileRow, Long> files;
    private final Dao<ShareRow, Long> shares;

    /**
     * Copies the WAL into the database file off the writers' path. SQLite's own automatic checkpoint
     * runs inside the commit that crosses 1,000 pages (4 MB) and fsyncs, so every few dozen saves one took
     * many times as long as the others. Here that threshold is 64 MB, a safety net, and this thread checkpoints (PASSIVE:
     * never blocks readers or writers) when the WAL was written since its last look and the writes have
     * paused for a second, or at least every two seconds while they go on (it looks twice a second).
     */
    private final java.util.concurrent.ScheduledExecutorService checkpointer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-checkpoint", r));
    private long walSeen;
    private long lastCheckpoint = System.currentTimeMillis();
    private static final long CHECKPOINT_QUIET_MS = 1_000;
    private static final long CHECKPOINT_AT_LEAST_EVERY_MS = 2_000;

    private Database(Path file, JdbcPooledConnectionSource source) throws SQLException {
        this.file = file;
        this.source = source;
        checkpointer.scheduleWithFixedDelay(this::checkpointIfWritten, 500, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
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
        if ((Files.exists(file) && !Files.isWritable(file)) || !Files.isWritable(dataDir)) {
            throw new StoreException("the library " + file + " is read-only (its file or folder cannot be written);"
                    + " SkillDesk needs to write to it: fix the permissions, or open another --data-dir");
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
            throw new StoreException("cannot open the library " + file + ": " + describe(e), e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true"
                + "&busy_timeout=" + BUSY_TIMEOUT_MS + "&transaction_mode=IMMEDIATE"
                // the checkpointer thread copies the WAL back; SQLite's own checkpoint in a commit stays as
                // a safety net at 64 MB, and the WAL file is cut back to 64 MB after a reset
                + "&wal_autocheckpoint=16384&journal_size_limit=67108864";
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

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}); ORMLite DAO calls and
     * {@link #withJdbc} inside it share its connection. Nested calls join the outer transaction.
     * Written out rather than ORMLite's TransactionManager: when SQLite rolls a transaction back by
     * itself (a full disk), that one reports the follow-up error and loses the cause.
     */
    public <T> T inTransaction(Callable<T> work) {
        DatabaseConnection saved = source.getSpecialConnection(null);
        if (saved != null) {
            try {
                return work.call(); // already inside a transaction on this thread
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new StoreException("write to " + file + " failed: " + describe(e), e);
            }
        }
        DatabaseConnection dc = null;
        boolean broken = false;
        // writers of this process queue here, in order, rather than in SQLite's busy handler, which
        // sleeps 1, 2, 5, 10 ms… between tries: a save queued behind a short indexer write waited many times its length
        writeLock.lock();
        try {
            dc = source.getReadWriteConnection(null);
            source.saveSpecialConnection(dc);
            Connection c = (Connection) dc.getUnderlyingConnection();
            c.setAutoCommit(false);
            try {
                T result = work.call();
                c.commit();
                return result;
            } catch (Exception e) {
                rollbackQuietly(c, e);
                broken = true; // after SQLITE_FULL/IOERR a connection's state is suspect: take a fresh one next time
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is closed or broken; the pool drops it
                }
            }
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("write to " + file + " failed: " + describe(e) + "; nothing of it was stored", e);
        } finally {
            if (dc != null) {
                source.clearSpecialConnection(dc);
                try {
                    if (broken) {
                        dc.close();
                    }
                    source.releaseConnection(dc);
                } catch (Exception ignored) {
                    // the pool closes it
                }
            }
            writeLock.unlock();
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException alreadyRolledBack) {
            cause.addSuppressed(alreadyRolledBack); // SQLite may have rolled back on its own (SQLITE_FULL)
        }
    }

    /**
     * The reason a user can act on. SQLite rolls a transaction back by itself on some errors (a full
     * disk), so the last exception is often the follow-up "no transaction is active"; the cause that
     * matters is further down the chain.
     */
    static String describe(Throwable e) {
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_FULL")) {
                return "the disk is full (SQLITE_FULL); free some space and try again";
            }
            if (m.contains("SQLITE_READONLY")) {
                return "the library is read-only (SQLITE_READONLY)";
            }
            if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
                return "another process held the library's write lock for more than " + BUSY_TIMEOUT_MS / 1000
                        + " s (SQLITE_BUSY); try again";
            }
            if (m.contains("SQLITE_IOERR")) {
                return "the disk reported an I/O error (SQLITE_IOERR): " + m;
            }
            if (m.contains("SQLITE_CORRUPT")) {
                return "the library file is damaged (SQLITE_CORRUPT); restore it from a backup";
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
            todo.addAll(java.util.Arrays.asList(t.getSuppressed()));
        }
        return rootMessage(e);
    }

    /** A JDBC task on a pooled connection (for the hand-written queries ORMLite has no words for). */
    public <T> T withJdbc(JdbcWork<T> work) {
        DatabaseConnection dc = null;
        try {
            dc = source.getReadWriteConnection(null);
            return work.run((Connection) dc.getUnderlyingConnection());
        } catch (SQLException e) {
            throw new StoreException("query on " + file + " failed: " + describe(e), e);
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

    private void checkpointIfWritten() {
        try {
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            if (!Files.exists(wal)) {
                return;
            }
            long modified = Files.getLastModifiedTime(wal).toMillis();
            long now = System.currentTimeMillis();
            // written since the last look (a checkpoint itself does not write it), and either the writes
            // have paused or they have gone on for a while: a bulk import is copied back when it ends (or
            // every two seconds), not twice a second while the window is busy showing it
            if (modified != walSeen && (now - modified >= CHECKPOINT_QUIET_MS
                    || now - lastCheckpoint >= CHECKPOINT_AT_LEAST_EVERY_MS)) {
                checkpoint("PASSIVE");
                walSeen = modified;
                lastCheckpoint = now;
            }
        } catch (IOException | RuntimeException e) {
            // a read-only or full disk: the next write reports it; the WAL is still valid
        }
    }

    private void checkpoint(String mode) {
        withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(" + mode + ")");
            }
            return null;
        });
    }

    @Override
    public void close() {
        checkpointer.shutdownNow();
        try {
            checkpointer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA optimize");
            }
            return null;
        });
        try {
            checkpoint("TRUNCATE"); // leave a small file behind (and nothing for the next open to replay)
        } catch (RuntimeException e) {
            // another process is reading or writing: its checkpoints take over
        }
        closeQuietly(source);
    }
}
