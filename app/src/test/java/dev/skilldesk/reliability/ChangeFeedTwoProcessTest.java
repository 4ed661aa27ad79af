package dev.skilldesk.reliability;

import dev.skilldesk.SkillDeskCore;
import dev.skilldesk.TestSkills;
import dev.skilldesk.library.LibraryChanges;
import dev.skilldesk.library.SaveOptions;
import dev.skilldesk.library.SkillDraft;
import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.search.SearchMode;
import dev.skilldesk.search.SearchRequest;
import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.LibraryChange;
import dev.skilldesk.skill.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes, one library, clocks an hour apart: process B (a child JVM whose clock runs an hour
 * behind) saves a skill, logs an activation, changes an access level and deletes a skill; process A's
 * change subscriber, keyword search and vector search each see every change within a second, because
 * they follow the change feed's sequence numbers, not timestamps.
 */
class ChangeFeedTwoProcessTest {
    private static final long WITHIN_MS = 1_000;
    private static final Principal ALICE = new Principal("alice", "team-a");
    @TempDir
    Path dir;

    @Test
    void anotherProcesssWritesReachTheSubscriberAndBothSearchesWithinASecondWhateverItsClock() throws Exception {
        Path lib = dir.resolve("lib");
        List<LibraryChange> seen = new CopyOnWriteArrayList<>();
        Process b = null;
        try (SkillDeskCore a = SkillDeskCore.open(lib, ALICE, Map.of())) {
            a.library().save(ALICE, new SkillDraft("t", "alice-notes", TestSkills.skillMd("alice-notes",
                    "Take meeting notes for Alice.", "## Core Instructions\nNotes."), List.of()),
                    new SaveOptions("team-a", AccessLevel.PRIVATE, null));
            a.search().indexer().awaitIdle(120, TimeUnit.SECONDS);
            LibraryChanges.Subscription sub = a.subscribe((changes, rebuild) -> seen.addAll(changes));

            b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-Dskilldesk.test.clock-offset-ms=-3600000",
                    "-cp", System.getProperty("java.class.path"), FeedWriter.class.getName(), lib.toString())
                    .redirectError(dir.resolve("b.err").toFile()).start();
            Child child = new Child(b);
            child.await("READY");

            // 1. B saves a skill it shares with everyone at once? No: private first, then made public (step 3)
            child.run("save otter-ledger Reconcile the otter sanctuary's fish ledger every Friday evening");
            child.run("save quokka-router Route quokka delivery vans through the zebra crossing district");
            long t0 = System.nanoTime();
            within(t0, "the subscriber sees B's saves", () -> kinds(seen).contains("version"));
            // B's skills are private to B: alice must not find them yet
            assertThat(keyword(a, "otter sanctuary fish ledger")).doesNotContain("otter-ledger");

            // 2. an activation
            int before = count(seen, "activation");
            child.run("activate quokka-router");
            t0 = System.nanoTime();
            within(t0, "the subscriber sees B's activation", () -> count(seen, "activation") > before);

            // 3. access: public now, so alice finds it by keyword and by meaning
            child.run("access otter-ledger public");
            t0 = System.nanoTime();
            within(t0, "the subscriber sees the access change", () -> kinds(seen).contains("access"));
            within(t0, "keyword search finds the newly public skill",
                    () -> keyword(a, "otter sanctuary fish ledger").contains("otter-ledger"));
            within(t0, "vector search finds the newly public skill",
                    () -> semantic(a, "reconcile the otter sanctuary fish ledger").contains("otter-ledger"));

            // 4. delete: gone from both searches
            child.run("delete otter-ledger");
            t0 = System.nanoTime();
            within(t0, "the subscriber sees the delete", () -> kinds(seen).contains("delete"));
            within(t0, "keyword search forgets the deleted skill",
                    () -> !keyword(a, "otter sanctuary fish ledger").contains("otter-ledger"));
            within(t0, "vector search forgets the deleted skill",
                    () -> !semantic(a, "reconcile the otter sanctuary fish ledger").contains("otter-ledger"));

            // the feed's order is the commit order, whatever B's clock said
            List<Long> seqs = seen.stream().map(LibraryChange::seq).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            sub.close();
            b.getOutputStream().close();
            assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            if (b != null) {
                b.destroyForcibly();
            }
        }
    }

    private static List<String> kinds(List<LibraryChange> seen) {
        return seen.stream().map(LibraryChange::kind).toList();
    }

    private static int count(List<LibraryChange> seen, String kind) {
        return (int) seen.stream().filter(c -> c.kind().equals(kind)).count();
    }

    private static List<String> keyword(SkillDeskCore a, String q) {
        return a.search().search(ALICE, new SearchRequest(q, SearchMode.KEYWORD, null, null, 5)).hits().stream()
                .map(h -> h.skill().name()).toList();
    }

    private static List<String> semantic(SkillDeskCore a, String q) {
        return a.search().search(ALICE, new SearchRequest(q, SearchMode.SEMANTIC, null, null, 3)).hits().stream()
                .map(h -> h.skill().name()).toList();
    }

    private static void within(long t0, String what, BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(ms).as(what + " within " + WITHIN_MS + " ms").isLessThanOrEqualTo(WITHIN_MS);
            Thread.sleep(10);
        }
    }

    /** B's stdin and stdout: one command, then its "DONE" once committed. */
    private static final class Child {
        final OutputStream in;
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();

        Child(Process p) {
            in = p.getOutputStream();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        out.add(l);
                    }
                } catch (Exception ignored) {
                    // ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void await(String line) throws InterruptedException {
            List<String> other = new ArrayList<>();
            while (true) {
                String l = out.poll(60, TimeUnit.SECONDS);
                assertThat(l).as("waiting for " + line + " after " + other).isNotNull();
                if (l.equals(line)) {
                    return;
                }
                other.add(l);
            }
        }

        void run(String command) throws Exception {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            await("DONE " + command);
        }
    }
}
