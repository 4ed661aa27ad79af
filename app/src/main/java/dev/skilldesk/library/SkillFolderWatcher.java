package dev.skilldesk.library;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Watches a folder tree and reports each skill folder (the nearest folder holding a SKILL.md) whose files
 * changed, once the folder has been quiet for the debounce period, so that an editor's save (often several
 * writes and a rename) is reported once. Recursive: folders created later are watched too. Runs on its own
 * daemon thread between {@link #start} and {@link #stop}; the callback runs on that thread.
 */
public final class SkillFolderWatcher implements AutoCloseable {
    /** Editor droppings (vim swap and its write test, emacs locks, backups) that do not mean a save. */
    private static boolean isEditorNoise(String fileName) {
        return fileName.endsWith(".swp") || fileName.endsWith(".swx") || fileName.endsWith("~")
                || fileName.startsWith(".#") || fileName.equals("4913");
    }

    private static final Set<String> UNWATCHED = Set.of(".git", "node_modules", ".hg", ".svn", "__pycache__");

    private final Path root;
    private final Duration quiet;
    private final Consumer<Path> onChanged;
    private final BiConsumer<Path, Exception> onError;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    /** Skill folder → when its last event came (System.nanoTime), in arrival order. */
    private final Map<Path, Long> dirty = new LinkedHashMap<>();
    private WatchService service;
    private Thread thread;
    private volatile boolean running;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param root      the folder to watch (an agent folder with many skills, or one skill folder)
     * @param quiet     how long a skill folder must be quiet before it is reported
     * @param onChanged receives each changed skill folder
     * @param onError   receives a folder and what went wrong while reporting it or watching it
     */
    public SkillFolderWatcher(Path root, Duration quiet, Consumer<Path> onChanged, BiConsumer<Path, Exception> onError) {
        this.root = root.toAbsolutePath().normalize();
        this.quiet = quiet;
        this.onChanged = onChanged;
        this.onError = onError;
    }

    /** Registers the tree and starts watching. Changes made before this call are not reported. */
    public synchronized void start() throws IOException {
        if (running) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": not a folder");
        }
        service = FileSystems.getDefault().newWatchService();
        registerTree(root);
        running = true;
        thread = new Thread(this::run, "skilldesk-watch-" + root.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops watching; a folder still waiting out its quiet period is not reported. */
    public void stop() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
            try {
                service.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        return running;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        long pollMs = Math.max(10, Math.min(100, quiet.toMillis() / 2));
        try {
            while (running) {
                WatchKey key = service.poll(pollMs, TimeUnit.MILLISECONDS);
                while (key != null) {
                    handle(key);
                    key = service.poll();
                }
                reportQuietFolders();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // stopped
        } catch (RuntimeException | Error e) {
            // the watcher cannot go on: say so, and let whoever waits on it know, rather than die silently
            running = false;
            onError.accept(root, e instanceof Exception ex ? ex : new IllegalStateException("the watcher stopped: " + e, e));
        } finally {
            ended.countDown();
        }
    }

    /** Waits until the watcher has stopped, by {@link #stop} or because it could not go on. */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    private void handle(WatchKey key) {
        Path dir = keys.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // events were lost: every skill folder may have changed
                try {
                    SkillFolderReader.findSkillFolders(root).forEach(this::markDirty);
                } catch (IOException e) {
                    onError.accept(root, e);
                }
                continue;
            }
            if (dir == null) {
                continue;
            }
            Path changed = dir.resolve((Path) event.context());
            String fileName = changed.getFileName().toString();
            if (isEditorNoise(fileName) || fileName.startsWith(".skilldesk-install-")) {
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerTree(changed); // files may already be inside; the import reads the whole folder
                } catch (IOException e) {
                    onError.accept(changed, e);
                }
            }
            Path skillFolder = skillFolderOf(changed);
            if (skillFolder != null) {
                markDirty(skillFolder);
            }
        }
        if (!key.reset()) {
            keys.remove(key); // the folder is gone
        }
    }

    private void markDirty(Path skillFolder) {
        dirty.remove(skillFolder);
        dirty.put(skillFolder, System.nanoTime());
    }

    private void reportQuietFolders() {
        long now = System.nanoTime();
        List<Path> due = dirty.entrySet().stream()
                .filter(e -> now - e.getValue() >= quiet.toNanos()).map(Map.Entry::getKey).toList();
        for (Path folder : due) {
            dirty.remove(folder);
            if (!running) {
                return;
            }
            try {
                onChanged.accept(folder);
            } catch (RuntimeException e) {
                onError.accept(folder, e);
            } catch (OutOfMemoryError | StackOverflowError e) {
                // one folder that is too much for memory must not stop the watcher for the others
                onError.accept(folder, new IllegalStateException(e.toString(), e));
            }
        }
    }

    /** The nearest folder at or above {@code p}, inside the root, that holds a SKILL.md; null if none. */
    private Path skillFolderOf(Path p) {
        Path at = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? p : p.getParent();
        while (at != null && at.startsWith(root)) {
            if (Files.isRegularFile(at.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                return at;
            }
            at = at.getParent();
        }
        return null;
    }

    private void registerTree(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (UNWATCHED.contains(n) || n.startsWith(".skilldesk-install-"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                keys.put(key, dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
