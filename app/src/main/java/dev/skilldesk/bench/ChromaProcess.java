package dev.skilldesk.bench;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Chroma server on loopback, from npm ({@code chromadb@3.0.3} with the glibc-2.31 compatible
 * {@code chromadb-js-bindings-linux-x64-gnu@0.1.3}), installed once into
 * {@code ~/.cache/skilldesk/chroma-3.0.3} (or {@code $SKILLDESK_CHROMA_HOME}). The benchmark starts one
 * to compare against; the integration tests use it too.
 */
public final class ChromaProcess implements AutoCloseable {
    public static final String PACKAGES = "chromadb@3.0.3 chromadb-js-bindings-linux-x64-gnu@0.1.3";
    private final Path home;
    private final Path data;
    private final int port;
    private final Path log;
    private Process process;

    /** Installs (when missing) and starts a server keeping its data in {@code data}. */
    public ChromaProcess(Path data) throws IOException, InterruptedException {
        String env = System.getenv("SKILLDESK_CHROMA_HOME");
        this.home = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache/skilldesk/chroma-3.0.3");
        this.data = data;
        this.log = data.toAbsolutePath().resolveSibling("chroma-" + System.nanoTime() + ".log");
        this.port = freePort();
        install();
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the server writes its output. */
    public Path log() {
        return log;
    }

    private Path binary() {
        return home.resolve("node_modules/.bin/chroma");
    }

    private void install() throws IOException, InterruptedException {
        if (Files.isExecutable(binary())) {
            return;
        }
        Files.createDirectories(home);
        List<String> cmd = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                "--loglevel=error", "--prefix", home.toString()));
        cmd.addAll(List.of(PACKAGES.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("npm-install.log").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(binary())) {
            p.destroyForcibly();
            throw new IOException("could not install Chroma from npm (" + String.join(" ", cmd) + "); see "
                    + home.resolve("npm-install.log"));
        }
    }

    /** Starts the server if it is not running and waits (up to 60 s) for its heartbeat. */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(data);
        process = new ProcessBuilder(binary().toString(), "run", "--path", data.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Chroma exited with " + process.exitValue() + "; see " + log);
            }
            if (heartbeat()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("Chroma did not answer on " + url() + " within 60 s; see " + log);
    }

    /** Stops the server (it can be started again on the same port and data). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        // the port is free again once nothing answers
        long deadline = System.currentTimeMillis() + 10_000;
        while (heartbeat() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The server process's resident memory in bytes (from /proc), or -1 when unknown. */
    public long rssBytes() {
        return process == null || !process.isAlive() ? -1 : MachineInfo.rssBytes(process.pid());
    }

    private boolean heartbeat() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/api/v2/heartbeat").toURL().openConnection();
            c.setConnectTimeout(300);
            c.setReadTimeout(1_000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Whether npm is on the PATH (needed the first time, to install the server). */
    public static boolean npmAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "npm"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server is installed already (then npm is not needed). */
    public static boolean installed() {
        String env = System.getenv("SKILLDESK_CHROMA_HOME");
        Path home = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache/skilldesk/chroma-3.0.3");
        return Files.isExecutable(home.resolve("node_modules/.bin/chroma"));
    }
}
