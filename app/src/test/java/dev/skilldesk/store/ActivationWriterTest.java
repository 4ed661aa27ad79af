package dev.skilldesk.store;

import dev.skilldesk.skill.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActivationWriterTest {
    @TempDir
    Path dir;

    private static long seedSkill(Database db) {
        return db.withJdbc(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO skills (namespace, name, description, access_level, created_by, created_at,"
                        + " updated_at) VALUES ('default', 's', 'd', 'private', 'me', 1, 1)");
                try (ResultSet rs = st.executeQuery("SELECT last_insert_rowid()")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static long count(Database db) {
        return db.withJdbc(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM skill_activations")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Activation activation(long skillId, int i) {
        return new Activation(skillId, 1, "agent-" + (i % 7), "default", "test", 1 + i % 3, 100 + i,
                Instant.ofEpochMilli(1_700_000_000_000L + i), i % 50, i % 10 != 0, i % 10 == 0 ? "boom" : null);
    }

    @Test
    void nothingIsLostAfterACleanCloseEvenFromManyThreads() throws Exception {
        try (Database db = Database.open(dir)) {
            long skill = seedSkill(db);
            ActivationWriter writer = new ActivationWriter(db, 500, 50, 1_000_000);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 25_000;
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        writer.log(activation(skill, base + i));
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            writer.close();
            assertThat(count(db)).isEqualTo(100_000);
            assertThat(writer.written()).isEqualTo(100_000);
            assertThat(writer.failed()).isZero();
        }
    }

    @Test
    void flushMakesEarlierRowsVisibleAndTimeFlushesAPartialBatch() throws Exception {
        try (Database db = Database.open(dir)) {
            long skill = seedSkill(db);
            try (ActivationWriter writer = new ActivationWriter(db, 10_000, 20, 1000)) {
                writer.log(activation(skill, 1));
                writer.flush();
                assertThat(count(db)).isEqualTo(1);
                writer.log(activation(skill, 2));
                long deadline = System.currentTimeMillis() + 5_000;
                while (count(db) < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(count(db)).isEqualTo(2);
            }
        }
    }

    @Test
    void loggingAfterCloseIsRefusedLoudly() {
        try (Database db = Database.open(dir)) {
            ActivationWriter writer = new ActivationWriter(db);
            writer.close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.log(activation(1, 1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aRepeatedKeyIsSkippedWithoutFailingItsBatch() {
        try (Database db = Database.open(dir)) {
            long skill = seedSkill(db);
            ActivationWriter writer = new ActivationWriter(db, 100, 20, 1_000);
            Activation keyed = new Activation(skill, 1, "a", "default", "mcp_tool", 2, 10, Instant.now(), 1, true, null,
                    "mcp:6b0c3f4e-0000-4000-8000-000000000001");
            writer.log(keyed);
            writer.log(activation(skill, 1));
            writer.log(keyed);
            writer.log(activation(skill, 2));
            writer.close();
            assertThat(writer.failed()).isZero();
            assertThat(count(db)).isEqualTo(3);

            ActivationStore store = new ActivationStore(db);
            assertThat(store.insertNew(List.of(keyed, activation(skill, 3)))).as("the keyed one is there already")
                    .isEqualTo(1);
            assertThat(store.recordOutcome(keyed.activationKey(), "someone-else", false, "x", Instant.now()))
                    .as("only the agent that loaded it reports on it").isFalse();
            assertThat(store.recordOutcome(keyed.activationKey(), "a", false, "broke", Instant.now())).isTrue();
            dev.skilldesk.skill.StoredActivation stored = store.find(keyed.activationKey()).orElseThrow();
            assertThat(stored.activation().success()).isFalse();
            assertThat(stored.activation().errorMessage()).isEqualTo("broke");
            assertThat(stored.outcomeAt()).isNotNull();
        }
    }
}
