package dev.skilldesk.search;

import dev.skilldesk.bench.ChromaProcess;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A real Chroma server for integration tests: {@link ChromaProcess} (npm {@code chromadb@3.0.3}, installed
 * once into {@code ~/.cache/skilldesk/chroma-3.0.3} or {@code $SKILLDESK_CHROMA_HOME}), run on loopback.
 */
final class ChromaServer implements AutoCloseable {
    static final String PACKAGES = ChromaProcess.PACKAGES;
    private final ChromaProcess process;

    ChromaServer(Path data) throws IOException, InterruptedException {
        this.process = new ChromaProcess(data);
    }

    String url() {
        return process.url();
    }

    void start() throws IOException, InterruptedException {
        process.start();
    }

    void stop() throws InterruptedException {
        process.stop();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    static boolean npmAvailable() {
        return ChromaProcess.npmAvailable();
    }
}
