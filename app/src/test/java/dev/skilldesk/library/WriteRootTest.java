package dev.skilldesk.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule for every write (#25), on its own: links, escapes, special files, hard links. */
class WriteRootTest {
    @TempDir
    Path dir;

    @Test
    void aLinkAtAnyComponentBelowTheRootIsRefusedWithItsPathAndRule() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(root.resolve("a"));
        Files.createSymbolicLink(root.resolve("a/b"), outside);
        WriteRoot w = WriteRoot.of(root);
        assertThatThrownBy(() -> w.check(root.resolve("a/b/c/file"))).isInstanceOf(WriteRoot.UnsafePathException.class)
                .hasMessageContaining(root.resolve("a/b").toString()).hasMessageContaining("rule: files.link");
        assertThatThrownBy(() -> w.createDirectories(root.resolve("a/b/c"))).hasMessageContaining("files.link");
        assertThatThrownBy(() -> w.write(root.resolve("a/b/f"), new byte[1])).hasMessageContaining("files.link");
        assertThatThrownBy(() -> w.delete(root.resolve("a/b/x"))).hasMessageContaining("files.link");
        assertThat(outside).isEmptyDirectory();
        // a link at the target itself: deleting it removes the link, never what it points to
        Files.writeString(outside.resolve("keep"), "k");
        w.delete(root.resolve("a/b"));
        assertThat(root.resolve("a/b")).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("k");
    }

    @Test
    void theRootItselfMayBeALinkTheUserChose() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path viaLink = Files.createSymbolicLink(dir.resolve("via"), real);
        WriteRoot w = WriteRoot.of(viaLink);
        w.write(viaLink.resolve("x/y.txt"), "ok".getBytes(StandardCharsets.UTF_8));
        assertThat(real.resolve("x/y.txt")).hasContent("ok");
    }

    @Test
    void aPathThatClimbsOutIsRefused() {
        WriteRoot w = WriteRoot.of(dir.resolve("root"));
        assertThatThrownBy(() -> w.check(dir.resolve("root/../elsewhere"))).hasMessageContaining("files.path-escape");
        assertThatThrownBy(() -> w.check(Path.of("../x"))).hasMessageContaining("files.path-escape");
        assertThatThrownBy(() -> w.delete(dir.resolve("root"))).hasMessageContaining("files.path-escape");
    }

    @Test
    void aFileWhereAFolderBelongsAndAFifoAreRefused() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("file"), "x");
        WriteRoot w = WriteRoot.of(root);
        assertThatThrownBy(() -> w.check(root.resolve("file/under"))).hasMessageContaining("files.not-regular");
        Path fifo = root.resolve("pipe");
        HostileInputsTest.mkfifo(fifo);
        assertThatThrownBy(() -> w.write(fifo, new byte[1])).hasMessageContaining("files.not-regular");
    }

    @Test
    void aHardLinkAtTheTargetIsReplacedNotWrittenThrough() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = dir.resolve("outside.txt");
        Files.writeString(outside, "the user's");
        Files.createLink(root.resolve("m.json"), outside);
        WriteRoot.of(root).write(root.resolve("m.json"), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(root.resolve("m.json")).hasContent("{}");
        assertThat(outside).hasContent("the user's");
    }
}
