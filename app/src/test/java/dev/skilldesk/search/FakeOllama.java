package dev.skilldesk.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that speaks Ollama's {@code POST /api/embed}: {"model","input":[...]} in,
 * {"model","embeddings":[[...]]} out, and its error shape {"error": "..."} with 404/500. It can be
 * told to answer slowly, fail, or stop and start again on the same port.
 */
final class FakeOllama implements AutoCloseable {
    enum Mode { OK, ERROR_500, MODEL_NOT_FOUND, SLOW }

    private static final ObjectMapper JSON = new ObjectMapper();
    volatile Mode mode = Mode.OK;
    volatile long slowMillis = 3_000;
    final AtomicInteger requests = new AtomicInteger();
    final List<String> inputsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;

    FakeOllama() throws IOException {
        server = start(0);
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private HttpServer start(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
        s.createContext("/api/embed", this::embed);
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        s.start();
        return s;
    }

    void stop() {
        server.stop(0);
    }

    void restart() throws IOException {
        server = start(port);
    }

    private void embed(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String model = body.path("model").asText();
        switch (mode) {
            case ERROR_500 -> {
                send(ex, 500, Map.of("error", "failed to generate embeddings: out of memory"));
                return;
            }
            case MODEL_NOT_FOUND -> {
                send(ex, 404, Map.of("error", "model '" + model + "' not found"));
                return;
            }
            case SLOW -> {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> { }
        }
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode in : body.path("input")) {
            inputsSeen.add(in.asText());
            float[] v = FakeEmbedder.vector(in.asText().replaceFirst("^(query|passage): ", ""));
            float[] big = new float[1024]; // the size of multilingual-e5-large
            System.arraycopy(v, 0, big, 0, v.length);
            vectors.add(big);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("embeddings", vectors);
        send(ex, 200, out);
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
