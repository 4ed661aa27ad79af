package dev.skilldesk.store;

import dev.skilldesk.skill.AccessLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Two independent opens of one file (as the app and the MCP server will be) write at once without errors. */
class TwoWritersTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersOnTwoConnectionPoolsLoseNothing() throws Exception {
        try (Database a = Database.open(dir); Database b = Database.open(dir)) {
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            Thread ta = writer(new SkillStore(a), "a", errors);
            Thread tb = writer(new SkillStore(b), "b", errors);
            ta.start();
            tb.start();
            ta.join();
            tb.join();
            assertThat(errors).isEmpty();
            assertThat(new SkillStore(a).count(new dev.skilldesk.skill.Principal("me", "ns"),
                    dev.skilldesk.skill.SkillQuery.all())).isEqualTo(400);
        }
    }

    private static Thread writer(SkillStore store, String prefix, ConcurrentLinkedQueue<Throwable> errors) {
        return new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                int n = i;
                try {
                    store.database().inTransaction(() -> store.insertSkill("ns", prefix + "-" + n, null, "d", "p",
                            List.of("t"), AccessLevel.PRIVATE, "me", Instant.now()));
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        });
    }
}
