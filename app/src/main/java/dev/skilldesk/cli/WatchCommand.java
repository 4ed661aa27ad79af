package dev.skilldesk.cli;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.library.ImportOptions;
import dev.skilldesk.library.ImportReport;
import dev.skilldesk.library.SkillFolderWatcher;
import dev.skilldesk.library.WatchedFolderImporter;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "watch", description = {"Import edits to skills under DIR as new versions as they are saved, until"
        + " interrupted (Ctrl-C).", "An installed copy goes back to its own skill; other folders are imported as"
        + " 'import' would."})
final class WatchCommand implements Callable<Integer> {
    @ParentCommand
    SkillDeskCli root;

    @Parameters(paramLabel = "DIR", description = "A folder of skills (e.g. ~/.claude/skills) or one skill folder.")
    Path dir;

    @Option(names = "--debounce-ms", defaultValue = "500",
            description = "Wait until a skill folder has been quiet this long (default ${DEFAULT-VALUE}).")
    long debounceMs;

    @Option(names = "--access", defaultValue = "private", description = "Access level of new skills (default: ${DEFAULT-VALUE}).")
    String access;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ImportOptions options = new ImportOptions(root.principal().namespace(), AccessLevel.parse(access), null);
        SkillDeskCore core = root.open();
        WatchedFolderImporter importer = new WatchedFolderImporter(core.importer(), core.installs(), root.principal(),
                options);
        SkillFolderWatcher watcher = new SkillFolderWatcher(dir, Duration.ofMillis(debounceMs), folder -> {
            for (ImportReport.Entry e : importer.importFolder(folder)) {
                String when = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
                root.out.println(when + " " + switch (e.status()) {
                    case CREATED -> "created " + e.name() + " v" + e.version();
                    case NEW_VERSION -> "saved " + e.name() + " v" + e.version();
                    case UNCHANGED -> "unchanged " + e.name() + " v" + e.version();
                    case REJECTED -> "REFUSED " + e.path() + ": " + e.reason();
                });
                root.out.flush();
            }
        }, (folder, e) -> {
            root.err.println("skilldesk watch: " + folder + ": " + e.getMessage());
            root.err.flush();
        });
        try {
            watcher.start();
        } catch (IOException e) {
            core.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            watcher.stop();
            core.close();
            stopped.countDown();
        }, "skilldesk-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        root.out.println("watching " + watcher.root() + " (Ctrl-C to stop)");
        root.out.flush();
        watcher.awaitEnd(); // until Ctrl-C (the hook stops it), or the watcher could not go on
        if (stopped.getCount() > 0 && !watcher.running()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                stopped.await();
                return ExitCodes.OK;
            }
            core.close();
            root.err.println("skilldesk watch: stopped watching " + watcher.root());
            return ExitCodes.FAILURE;
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
