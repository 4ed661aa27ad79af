package dev.skilldesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `config search.embedder` takes only a model the installation carries, or ollama (#18: the installer has one). */
class ConfigEmbedderCliTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownModelIsRefusedAndNothingIsStored() {
        CliRunner cli = new CliRunner(dir.resolve("lib"));
        CliRunner.Result r = cli.run("config", "search.embedder", "onnx:no-such-model");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown embedded model 'onnx:no-such-model'");
        assertThat(cli.run("config", "search.embedder").out()).contains("onnx:all-minilm-l6-v2-q");
        // a build from source carries both models; ollama is always accepted
        assertThat(cli.run("config", "search.embedder", "onnx:bge-small-en-v15-q").code()).isEqualTo(ExitCodes.OK);
        assertThat(cli.run("config", "search.embedder", "ollama").code()).isEqualTo(ExitCodes.OK);
    }
}
