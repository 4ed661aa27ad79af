package dev.skilldesk.search;

import dev.langchain4j.data.segment.TextSegment;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The default embedder: an ONNX model shipped inside a Maven artifact (langchain4j in-process
 * embeddings), so nothing is downloaded at run time.
 *
 * <p>The model's session is made here rather than by langchain4j's model classes, for one setting: those
 * open it with ONNX Runtime's defaults, a pool of one thread per core that spins while it waits for work.
 * That pool is native, so it does not take the lowered priority of the embedding threads, and on 2 cores it
 * took the core a save or the window needed (skill creation's P95 at 10,000 skills; BENCHMARKS.md). Here each
 * text is embedded on the calling thread alone (one intra-op thread, no spinning), and the caller's executor
 * decides how many texts run at once.
 */
public final class OnnxEmbedder implements Embedder {
    /** The in-process models a user can choose between. */
    public enum Model {
        /** all-MiniLM-L6-v2, quantized: the fastest; the default (see the README's quality table). */
        MINILM_L6_V2_Q("all-minilm-l6-v2-q", "", "all-minilm-l6-v2-q", PoolingMode.MEAN, 384),
        /** bge-small-en-v1.5, quantized: slower; wants an instruction before queries. */
        BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", "Represent this sentence for searching relevant passages: ",
                "bge-small-en-v1.5-q", PoolingMode.CLS, 384);

        private final String id;
        private final String queryPrefix;
        /** the base name of the model's two files in its Maven artifact ({@code .onnx}, {@code -tokenizer.json}) */
        private final String resource;
        private final PoolingMode pooling;
        /** the vectors' length, known without loading the model (the keyword side never needs it) */
        private final int dimension;

        Model(String id, String queryPrefix, String resource, PoolingMode pooling, int dimension) {
            this.id = id;
            this.queryPrefix = queryPrefix;
            this.resource = resource;
            this.pooling = pooling;
            this.dimension = dimension;
        }

        public String id() {
            return id;
        }

        /**
         * Whether this installation carries the model's files: a build from source has both; the installer carries
         * only the default (the second model would add 24 MB to every installer).
         */
        public boolean installed() {
            return OnnxEmbedder.class.getClassLoader().getResource(resource + ".onnx") != null;
        }

        /** The models this installation carries, as the ids Settings and {@code config search.embedder} take. */
        public static List<String> installedIds() {
            List<String> ids = new ArrayList<>();
            for (Model m : values()) {
                if (m.installed()) {
                    ids.add("onnx:" + m.id);
                }
            }
            return ids;
        }

        public static Model parse(String s) {
            String v = s.toLowerCase(Locale.ROOT).replace("onnx:", "");
            for (Model m : values()) {
                if (m.id.equals(v) || m.name().equalsIgnoreCase(v)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown embedded model '" + s + "' (all-minilm-l6-v2-q or bge-small-en-v15-q)");
        }
    }

    private final Model model;
    private final Executor executor;
    private volatile EmbeddingModel delegate;
    /** The session {@link #delegate} was made over: after an idle close and a new load, a new one is made. */
    private volatile OnnxBertBiEncoder delegateOf;

    public OnnxEmbedder(Model model) {
        this(model, null);
    }

    /**
     * Makes the embedder; the model itself is loaded on the first text to embed (about 0.3 s), or by
     * {@link #preload}: a keyword search, or a library whose vectors are all stored, never loads it.
     *
     * @param executor where the model parallelises a batch; null for its own default
     */
    public OnnxEmbedder(Model model, Executor executor) {
        this.model = model;
        this.executor = executor == null ? ForkJoinPool.commonPool() : executor;
    }

    /** The model over the session loaded now (loading it if it is not); valid for one call (see {@link #use}). */
    private EmbeddingModel delegate() {
        OnnxBertBiEncoder e = encoder(model);
        EmbeddingModel d = delegate;
        if (d == null || delegateOf != e) {
            synchronized (this) {
                d = new SessionModel(e, executor);
                delegate = d;
                delegateOf = e;
            }
        }
        return d;
    }

    /**
     * Runs one embedding call with the session held: it is not closed for idleness while a call runs, and the call
     * counts as use. Every call into the model goes through here.
     */
    private <T> T use(java.util.function.Supplier<T> call) {
        Idle.begin(model);
        try {
            return NativeCalls.run(call);
        } finally {
            Idle.end(model);
        }
    }

    private static final Map<Model, OnnxBertBiEncoder> ENCODERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each loaded encoder's session, closed with it. */
    private static final Map<OnnxBertBiEncoder, OrtSession> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How long a loaded model may sit unused before its session is closed and its native memory (about 130 MB with
     * the tokenizer and ONNX Runtime's buffers) given back: a minute by default ({@code skilldesk.model.idleSeconds};
     * 0 keeps it). The next embedding loads it again (0.3-1 s); the window's searches answer by keywords meanwhile.
     */
    static final long IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(
            Long.getLong("skilldesk.model.idleSeconds", 60));

    /** The idle close: calls under way per model, the last use, and a daemon that closes what sat unused. */
    static final class Idle {
        private static final Map<Model, int[]> RUNNING = new java.util.EnumMap<>(Model.class);
        private static final Map<Model, Long> LAST_USE = new java.util.EnumMap<>(Model.class);
        private static java.util.concurrent.ScheduledExecutorService timer;

        private Idle() {
        }

        static synchronized void begin(Model m) {
            RUNNING.computeIfAbsent(m, k -> new int[1])[0]++;
            LAST_USE.put(m, System.nanoTime());
        }

        static synchronized void loaded(Model m) {
            LAST_USE.put(m, System.nanoTime());
        }

        static synchronized void end(Model m) {
            RUNNING.get(m)[0]--;
            LAST_USE.put(m, System.nanoTime());
        }

        /** Starts the daemon once a model is loaded (never in a process that only searches by keywords). */
        static synchronized void watch() {
            if (timer != null || IDLE_NANOS <= 0) {
                return;
            }
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> dev.skilldesk.BackgroundPriority.newDaemon("skilldesk-model-idle", r));
            long every = Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(IDLE_NANOS) / 4);
            timer.scheduleWithFixedDelay(() -> closeIdle(IDLE_NANOS), every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Closes each model unused for {@code idleNanos} with no call under way; true when one was closed. */
        static boolean closeIdle(long idleNanos) {
            boolean closed = false;
            for (Model m : Model.values()) {
                OnnxBertBiEncoder e;
                synchronized (Idle.class) {
                    int[] running = RUNNING.get(m);
                    Long last = LAST_USE.get(m);
                    if (running != null && running[0] > 0 || last != null && System.nanoTime() - last < idleNanos) {
                        continue;
                    }
                    e = ENCODERS.remove(m); // a call that comes now loads it again
                }
                if (e != null) {
                    close(e);
                    closed = true;
                }
            }
            if (closed) {
                NativeMemory.giveBack();
            }
            return closed;
        }
    }

    /** Closes a model's session and its tokenizer's native side. */
    private static void close(OnnxBertBiEncoder encoder) {
        closeNative(SESSIONS.remove(encoder));
        try {
            java.lang.reflect.Field f = OnnxBertBiEncoder.class.getDeclaredField("tokenizer");
            f.setAccessible(true);
            if (f.get(encoder) instanceof AutoCloseable tokenizer) {
                closeNative(tokenizer);
            }
        } catch (ReflectiveOperationException | RuntimeException notThere) {
            // a langchain4j without that field: the tokenizer's few MB stay until exit
        }
    }

    /** Closes a native resource (the JVM does not exit meanwhile); one that fails to close is left to the process. */
    private static void closeNative(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        NativeCalls.run(() -> {
            try {
                resource.close();
            } catch (Exception closedAlready) {
                // its memory goes with the process
            }
            return null;
        });
    }

    /**
     * One session per model and process, as langchain4j keeps it (the model files are 23 and 34 MB). A caller that
     * comes while another loads it waits for that load.
     */
    private static OnnxBertBiEncoder encoder(Model model) {
        OnnxBertBiEncoder loaded = ENCODERS.get(model);
        if (loaded != null) {
            return loaded;
        }
        OnnxBertBiEncoder e = ENCODERS.computeIfAbsent(model, m -> {
            OnnxBertBiEncoder loadedNow = NativeCalls.run(() -> load(m));
            Idle.loaded(m); // a preloaded model counts as used when it loads
            return loadedNow;
        });
        Idle.watch();
        return e;
    }

    /**
     * Starts loading {@code model} on a background thread, for a process that is about to embed (a hybrid search
     * from the CLI, an MCP session) and has other work to do first: opening the library and its indexes overlap
     * the model's load instead of waiting for it. A later embed waits for this load rather than starting another.
     */
    public static void preload(Model model) {
        if (!model.installed() || ENCODERS.containsKey(model)) {
            return; // the first embed says why; or loaded already
        }
        Thread t = new Thread(() -> {
            try {
                encoder(model);
            } catch (RuntimeException e) {
                // reported by the first embed, which tries again (or the process is exiting)
            }
        }, "skilldesk-model-load");
        t.setDaemon(true);
        t.start();
    }

    private static OnnxBertBiEncoder load(Model model) {
        ClassLoader loader = OnnxEmbedder.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(model.resource + ".onnx");
             InputStream tokenizer = loader.getResourceAsStream(model.resource + "-tokenizer.json")) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException("the model " + model.id + " is not in this installation (it carries "
                        + String.join(", ", Model.installedIds()) + "): choose one of those in Settings, or run"
                        + " `skilldesk config search.embedder onnx:" + Model.MINILM_L6_V2_Q.id + "`");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            OrtSession session = env.createSession(onnx.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, model.pooling);
            SESSIONS.put(encoder, session);
            return encoder;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model " + model.id, e);
        } catch (OrtException e) {
            throw new IllegalStateException("could not open the model " + model.id + ": " + e.getMessage(), e);
        }
    }

    /** langchain4j's in-process model (tokenizing, pooling, batching over the executor) over our session. */
    private static final class SessionModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SessionModel(OnnxBertBiEncoder encoder, Executor executor) {
            super(executor);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
    }

    @Override
    public boolean loaded() {
        return ENCODERS.containsKey(model); // false while it loads, and after an idle close
    }

    /**
     * At normal priority: at background priority, beside a start's other work, the load took 4-5 s on 2 cores; the
     * window's searches do not wait behind it (they have their own lane).
     */
    @Override
    public void preload() {
        if (!loaded()) {
            preload(model);
        }
    }

    @Override
    public void awaitLoaded() {
        use(this::delegate);
    }

    @Override
    public String modelId() {
        return "onnx:" + model.id();
    }

    @Override
    public int dimension() {
        return model.dimension;
    }

    @Override
    public float[] embedQuery(String query) {
        return Embedder.normalize(use(() -> delegate().embed(model.queryPrefix + query)).content().vector());
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
        List<TextSegment> segments = new ArrayList<>(passages.size());
        passages.forEach(p -> segments.add(TextSegment.from(p)));
        List<float[]> out = new ArrayList<>(passages.size());
        use(() -> delegate().embedAll(segments)).content().forEach(e -> out.add(Embedder.normalize(e.vector())));
        return out;
    }
}
