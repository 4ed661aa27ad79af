package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.search.EmbeddingCache;
import dev.skilldesk.search.EmbeddingText;
import dev.skilldesk.search.ExactVectorIndex;
import dev.skilldesk.search.IndexStatus;
import dev.skilldesk.search.Indexer;
import dev.skilldesk.skill.Principal;
import dev.skilldesk.skill.SkillFile;
import dev.skilldesk.skill.SkillVersion;
import dev.skilldesk.store.Database;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM writing to the library is killed with SIGKILL at a random moment, several times. On
 * reopen the file passes integrity_check, every version the child saw committed is there with its
 * files and hash, nothing half-written is visible, the index catches up, and activation logging lost
 * no more than its stated bound: what was enqueued in the last second before the kill (the writer
 * flushes every 200 ms or 2,000 rows).
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    private Process child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                CrashWorker.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the child's lines until a random moment, then kills it; returns the lines and the kill time. */
    private static List<String> runUntilKilled(Process p, long millis, long[] killedAt) throws Exception {
        return runUntilKilled(p, "READY", millis, killedAt);
    }

    /** Kills {@code p} {@code millis} after it printed {@code startLine} (the work the kill is meant to cut into has begun). */
    private static List<String> runUntilKilled(Process p, String startLine, long millis, long[] killedAt) throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (Exception ignored) {
                // the child died mid-line
            }
        });
        reader.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!lines.contains(startLine) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        killedAt[0] = System.currentTimeMillis();
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
        p.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
        return lines;
    }

    @RepeatedTest(6)
    void killedDuringAnInstallLeavesOneCompleteCopyAndTheNextImportNeverTakesTheLeftovers() throws Exception {
        Path lib = dir.resolve("lib");
        Path agent = dir.resolve("agent");
        java.nio.file.Files.createDirectories(agent);
        long[] killedAt = new long[1];
        Process p = child("install", lib.toString(), agent.toString());
        // from the first install on (the two versions are saved first; on a loaded machine that alone can take 300 ms)
        List<String> lines = runUntilKilled(p, "SAVED", 300 + new Random().nextInt(1_500), killedAt);
        assertThat(lines).as("the child installed before the kill").anyMatch(l -> l.startsWith("I "));
        Principal crash = new Principal("crash", "default");
        try (SkillDeskCore core = SkillDeskCore.open(lib, crash, Map.of())) {
            java.util.Set<String> hashes = new java.util.HashSet<>();
            for (int v = 1; v <= 2; v++) {
                hashes.add(core.library().version(crash, "default", "kill-target", v).orElseThrow().contentHash());
            }
            // right after the kill: one complete copy, in place or set aside in the install's working folder
            Path inPlace = agent.resolve("kill-target");
            List<Path> copies = new ArrayList<>();
            if (java.nio.file.Files.exists(inPlace)) {
                copies.add(inPlace);
            } else {
                try (var s = java.nio.file.Files.list(agent)) {
                    s.filter(x -> x.getFileName().toString().startsWith(".skilldesk-install-"))
                            .map(x -> x.resolve("old/kill-target")).filter(java.nio.file.Files::isDirectory).forEach(copies::add);
                }
            }
            assertThat(copies).as("a complete copy after the kill").hasSize(1);
            dev.skilldesk.library.SkillDraft copy = dev.skilldesk.library.SkillFolderReader.read(copies.get(0));
            assertThat(hashes).contains(dev.skilldesk.library.ContentHash.of(copy.content(), copy.files()));

            dev.skilldesk.library.ImportReport r = core.importer().importPath(crash, agent,
                    dev.skilldesk.library.ImportOptions.defaults());
            assertThat(r.refused()).isEmpty();
            assertThat(core.library().list(crash, dev.skilldesk.skill.SkillQuery.all())).extracting(s -> s.name())
                    .containsExactly("kill-target");
            try (var s = java.nio.file.Files.list(agent)) {
                assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly("kill-target");
            }
            dev.skilldesk.library.SkillDraft after = dev.skilldesk.library.SkillFolderReader.read(inPlace);
            assertThat(hashes).contains(dev.skilldesk.library.ContentHash.of(after.content(), after.files()));
        }
    }

    @RepeatedTest(3)
    void killedDuringABulkImportLosesNothingCommitted() throws Exception {
        Path lib = dir.resolve("lib");
        long[] killedAt = new long[1];
        List<String> lines = runUntilKilled(child("import", lib.toString(), "7"), 1_500 + new Random().nextInt(2_500), killedAt);
        List<String[]> committed = lines.stream().filter(l -> l.startsWith("C ")).map(l -> l.split(" ")).toList();
        assertThat(committed).as("the child committed something before the kill").isNotEmpty();

        try (SkillDeskCore core = SkillDeskCore.open(lib, new Principal("crash", "default"), Map.of())) {
            assertThat(integrity(core.database())).isEqualTo("ok");
            for (String[] c : committed) {
                SkillVersion v = core.library().version(new Principal("crash", "default"), "default", c[1],
                        Integer.parseInt(c[2])).orElseThrow(() -> new AssertionError("lost committed version " + c[1] + " v" + c[2]));
                assertThat(v.contentHash()).isEqualTo(c[3]);
                List<SkillFile> files = core.library().files(new Principal("crash", "default"), "default", c[1], v.version());
                assertThat(files).extracting(SkillFile::path).containsExactly("scripts/run.py");
            }
            // nothing half-written: every skill's counters agree with its rows, and its active version exists
            assertThat(scalar(core.database(), "SELECT count(*) FROM skills s WHERE s.version_count !="
                    + " (SELECT count(*) FROM skill_versions v WHERE v.skill_id = s.id)")).isZero();
            assertThat(scalar(core.database(), "SELECT count(*) FROM skills s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM skill_versions v WHERE v.skill_id = s.id AND v.version = s.active_version)")).isZero();
            assertThat(scalar(core.database(), "SELECT count(*) FROM skill_versions v WHERE NOT EXISTS"
                    + " (SELECT 1 FROM skill_files f WHERE f.version_id = v.id)")).isZero();
            // and the index catches up: pending work is derived from SQLite
            try (Indexer indexer = new Indexer(core.database(), lib.resolve("index"), new dev.skilldesk.search.FakeEmbedder(), EmbeddingText.DEFAULT,
                    new EmbeddingCache(core.database(), 10), new ExactVectorIndex("fake:bow-64", dev.skilldesk.search.FakeEmbedder.DIM), null)) {
                indexer.start();
                IndexStatus s = indexer.awaitIdle(2, TimeUnit.MINUTES);
                assertThat(s.pending()).isZero();
                assertThat(s.indexed()).isEqualTo(s.total());
            }
        }
    }

    @RepeatedTest(3)
    void killedDuringAnActivationBurstLosesAtMostItsBound() throws Exception {
        Path lib = dir.resolve("lib");
        long[] killedAt = new long[1];
        List<String> lines = runUntilKilled(child("activations", lib.toString()), 1_000 + new Random().nextInt(2_000), killedAt);
        long safe = 0; // enqueued more than a second before the kill: must be on disk
        for (String l : lines) {
            if (l.startsWith("E ")) {
                String[] f = l.split(" ");
                if (Long.parseLong(f[2]) <= killedAt[0] - 1_000) {
                    safe = Math.max(safe, Long.parseLong(f[1]));
                }
            }
        }
        try (Database db = Database.open(lib)) {
            assertThat(integrity(db)).isEqualTo("ok");
            long stored = scalar(db, "SELECT count(*) FROM skill_activations");
            assertThat(stored).as("rows on disk vs rows enqueued over a second before the kill").isGreaterThanOrEqualTo(safe);
        }
    }

    private static String integrity(Database db) {
        return db.withJdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private static long scalar(Database db, String sql) {
        return db.withJdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
