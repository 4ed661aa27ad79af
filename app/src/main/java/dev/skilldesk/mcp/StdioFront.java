package dev.skilldesk.mcp;

import dev.skilldesk.library.LocalIdentity;
import dev.skilldesk.skill.Principal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The stdio server's front door: answers what is the same whatever the library holds, before the library, SQLite,
 * the MCP SDK or its JSON stack are loaded. A client's first request is {@code initialize} (2025-11-25 and before)
 * or {@code server/discover} (2026-07-28), and a client such as {@code claude mcp list} waits for that answer from
 * every server it knows; the full server takes about a second to be ready for it, this front a few milliseconds
 * after the JVM starts.
 * <p>
 * It reads stdin from the start. While the server is not yet ready it answers:
 * <ul>
 *   <li>the first {@code initialize} whose params are well formed, with the version the SDK would choose
 *       ({@link #LEGACY_VERSIONS}: the requested one when it is there, else the newest), the server's capabilities,
 *       identity and instructions; the request is then replayed to the server, which opens its session with it and
 *       whose own answer is dropped ({@link #answeredAhead});</li>
 *   <li>{@code server/discover} with a valid 2026-07-28 envelope (stateless: nothing is replayed).</li>
 * </ul>
 * Anything else, and everything once one line was not answered here, goes to the server in the order it came, so
 * errors, unusual shapes and hostile input meet the one place that judges them ({@link StdioLineTransport}). Only
 * java.base and a few small SkillDesk classes load here. {@code McpFrontTest} holds every answer equal to the full
 * server's.
 */
public final class StdioFront {
    /** What the SDK's stdio lane speaks (its transport's protocolVersions), oldest first. */
    static final List<String> LEGACY_VERSIONS = List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
    /**
     * The log levels a 2026-07-28 envelope may name, least severe first ({@link ModernLane} checks and orders by
     * them; they live here so that reading them loads nothing of that class).
     */
    static final List<String> LOG_LEVELS = List.of("debug", "info", "notice", "warning", "error", "critical",
            "alert", "emergency");
    private static final byte[] END = new byte[0];
    /** A line longer than this is not one of the requests answered here (theirs are a few hundred bytes). */
    static final int MAX_FRONT_LINE = 64 * 1024;
    private static volatile StdioFront current;

    private final InputStream in;
    private final OutputStream out;
    private final Principal who;
    private final String version;
    private final Object lock = new Object();
    /** Lines for the server, in order; {@link #END} when stdin ended. */
    private final LinkedBlockingQueue<byte[]> forServer = new LinkedBlockingQueue<>();
    /** Ids of requests answered here that the server will see again (their answers from it are dropped). */
    private final Set<Object> answeredAhead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Once true, every line goes to the server; set when a line is not answered here, or the server took over. */
    private boolean passing;
    private boolean initializeAnswered;

    StdioFront(InputStream in, OutputStream out, Principal who, String version) {
        this.in = in;
        this.out = out;
        this.who = who;
        this.version = version;
    }

    /**
     * When {@code args} run the stdio MCP server ({@code [root options] mcp [options]}, no {@code --http}, no
     * fixtures), starts the front on stdin/stdout for the principal they name; else does nothing. The server takes
     * it over with {@link #takeOver()}.
     */
    public static void startIfServing(String[] args, Map<String, String> env, String version) {
        Principal who = principal(args, env);
        if (who == null) {
            return;
        }
        StdioFront front = new StdioFront(new java.io.FileInputStream(java.io.FileDescriptor.in), System.out, who, version);
        current = front;
        Thread t = new Thread(front::readLoop, "skilldesk-mcp-front");
        t.setDaemon(true);
        t.start();
    }

    /** The front this process started, or null. */
    public static StdioFront current() {
        return current;
    }

    /** The principal a stdio {@code mcp} run acts as, or null when {@code args} are not one this front serves. */
    static Principal principal(String[] args, Map<String, String> env) {
        String agent = null;
        String namespace = null;
        boolean mcp = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--data-dir", "--agent", "-n", "--namespace" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            return null;
                        }
                        value = args[++i];
                    }
                    if (name.equals("--agent")) {
                        agent = value;
                    } else if (!name.equals("--data-dir")) {
                        namespace = value;
                    }
                }
                case "mcp" -> {
                    if (mcp) {
                        return null;
                    }
                    mcp = true;
                }
                default -> {
                    return null; // --http, --help, a typo: the command line judges it
                }
            }
        }
        if (!mcp) {
            return null;
        }
        try {
            return LocalIdentity.principal(agent, namespace, env);
        } catch (IllegalArgumentException bad) {
            return null; // the command line says what is wrong
        }
    }

    // ---- the server's side ---------------------------------------------------------------------------------------

    /**
     * Called once by the server when it is ready: from now on every line goes to it. Returns what it reads instead
     * of stdin (the requests replayed and every line after them) and the ids whose answers it must drop.
     */
    public Handoff takeOver() {
        synchronized (lock) {
            passing = true;
        }
        return new Handoff(new QueueInput(forServer), Set.copyOf(answeredAhead));
    }

    /**
     * @param in            what the server reads instead of stdin
     * @param answeredAhead the ids (a String or a Long) of requests already answered
     */
    public record Handoff(InputStream in, Set<Object> answeredAhead) {
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /**
     * Reads stdin as bytes. While lines may still be answered here, each line (up to {@link #MAX_FRONT_LINE}) is
     * judged; from the first one that is not (or is longer), the bytes go to the server as they came, so it reads
     * exactly what the client wrote, less the lines answered here and not replayed.
     */
    void readLoop() {
        byte[] buf = new byte[8192];
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int from = 0;
                while (from < n) {
                    boolean pass;
                    synchronized (lock) {
                        pass = passing;
                    }
                    if (pass) {
                        if (line.size() > 0) {
                            forServer.add(line.toByteArray());
                            line.reset();
                        }
                        forServer.add(java.util.Arrays.copyOfRange(buf, from, n));
                        break;
                    }
                    int nl = from;
                    while (nl < n && buf[nl] != '\n') {
                        nl++;
                    }
                    line.write(buf, from, nl - from);
                    if (nl == n) {
                        if (line.size() > MAX_FRONT_LINE) {
                            synchronized (lock) {
                                passing = true; // not one of the small constant requests: the server reads it whole
                            }
                        }
                        break;
                    }
                    from = nl + 1;
                    byte[] bytes = line.toByteArray();
                    line.reset();
                    boolean answered;
                    synchronized (lock) {
                        answered = !passing && tryAnswer(bytes);
                        if (!answered) {
                            passing = true;
                        }
                    }
                    if (!answered) {
                        forServer.add(withNewline(bytes));
                    }
                }
            }
            if (line.size() > 0) {
                forServer.add(line.toByteArray());
            }
        } catch (IOException e) {
            // stdin closed or unreadable: the server sees the end
        } finally {
            forServer.add(END);
        }
    }

    /** Answers {@code line} when it is one of the constant requests; false when the server must see it. */
    private boolean tryAnswer(byte[] line) {
        Object parsed;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(line)).toString();
            parsed = new MiniJson(text).document();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException notPlain) {
            return false;
        }
        if (!(parsed instanceof Map<?, ?> message) || !"2.0".equals(message.get("jsonrpc"))) {
            return false;
        }
        Object id = id(message.get("id"));
        Object method = message.get("method");
        Object params = message.get("params");
        if (id == null || !(params instanceof Map<?, ?> p) || !(method instanceof String m)
                || message.containsKey("result") || message.containsKey("error")) {
            return false;
        }
        String answer = switch (m) {
            case "initialize" -> initialize(p);
            case ModernLane.DISCOVER -> discover(p);
            default -> null;
        };
        if (answer == null) {
            return false;
        }
        try {
            out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + idJson(id) + ",\"result\":" + answer + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException gone) {
            return true; // the client is gone; the server sees stdin end
        }
        if (m.equals("initialize")) {
            initializeAnswered = true;
            answeredAhead.add(id);
            forServer.add(withNewline(line)); // the server opens its session with it
        }
        return true;
    }

    private String initialize(Map<?, ?> p) {
        if (initializeAnswered || !(p.get("protocolVersion") instanceof String requested)
                || !(p.get("capabilities") instanceof Map<?, ?>)
                || !(p.get("clientInfo") instanceof Map<?, ?> info)
                || !(info.get("name") instanceof String) || !(info.get("version") instanceof String)
                || (p.get("_meta") instanceof Map<?, ?> meta && meta.containsKey(ModernLane.META_VERSION))
                || p.containsKey("_meta") && !(p.get("_meta") instanceof Map<?, ?>)) {
            return null;
        }
        String chosen = LEGACY_VERSIONS.contains(requested) ? requested : LEGACY_VERSIONS.get(LEGACY_VERSIONS.size() - 1);
        return "{\"protocolVersion\":" + str(chosen) + ",\"capabilities\":" + capabilities(true)
                + ",\"serverInfo\":" + serverInfo() + ",\"instructions\":"
                + str(instructions("agent " + who.agentId() + " in namespace " + who.namespace())) + "}";
    }

    private String discover(Map<?, ?> p) {
        if (!(p.get("_meta") instanceof Map<?, ?> meta) || !ModernLane.VERSION.equals(meta.get(ModernLane.META_VERSION))
                || !(meta.get(ModernLane.META_CAPABILITIES) instanceof Map<?, ?>)) {
            return null;
        }
        Object info = meta.get(ModernLane.META_CLIENT_INFO);
        Object level = meta.get(ModernLane.META_LOG_LEVEL);
        if (info != null && info != MiniJson.NULL && !(info instanceof Map<?, ?>)
                || level != null && level != MiniJson.NULL && !LOG_LEVELS.contains(level)) {
            return null;
        }
        return "{\"supportedVersions\":[" + str(ModernLane.VERSION) + "],\"capabilities\":" + capabilities(false)
                + ",\"instructions\":" + str(instructions("the agent this server or your bearer token names"))
                + ",\"resultType\":\"complete\",\"_meta\":{" + str(ModernLane.META_SERVER_INFO) + ":" + serverInfo()
                + "},\"ttlMs\":" + ModernLane.STATIC_TTL_MS + ",\"cacheScope\":\"public\"}";
    }

    /**
     * What the server tells an agent about itself, acting as {@code actingAs} ({@link McpSkillServer} says the same;
     * the text lives here so that the front's answer does not load that class and its JSON mapper).
     */
    static String instructions(String actingAs) {
        return "SkillDesk's skill library for " + actingAs + ". Find skills with search_skills or list_skills, load one"
                + " with get_skill (layer 2: its instructions; layer 3: the whole SKILL.md and its file list),"
                + " read its files with read_skill_file, and report how it went with record_outcome. The same"
                + " skills are resources at skill://<namespace>/<name>/SKILL.md (MCP's Skills Extension).";
    }

    /** The server's capabilities as each lane states them (the SDK writes {@code listChanged:false} for tools). */
    private static String capabilities(boolean legacy) {
        return "{\"tools\":" + (legacy ? "{\"listChanged\":false}" : "{}")
                + ",\"resources\":{\"subscribe\":true,\"listChanged\":true},\"logging\":{},\"extensions\":{"
                + str(SkillsExtension.ID) + ":{\"directoryRead\":true}}}";
    }

    private String serverInfo() {
        return "{\"name\":\"skilldesk\",\"version\":" + str(version) + "}";
    }

    /** A request id this front echoes: a string, or an integer that fits a long; else null. */
    private static Object id(Object id) {
        if (id instanceof String s) {
            return s;
        }
        if (id instanceof BigInteger n && n.bitLength() < 64) {
            return n.longValue();
        }
        return null;
    }

    private static String idJson(Object id) {
        return id instanceof String s ? str(s) : id.toString();
    }

    private static byte[] withNewline(byte[] line) {
        byte[] b = java.util.Arrays.copyOf(line, line.length + 1);
        b[line.length] = '\n';
        return b;
    }

    /** A JSON string. */
    static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The lines for the server, as a stream. */
    private static final class QueueInput extends InputStream {
        private final LinkedBlockingQueue<byte[]> queue;
        private byte[] chunk = new byte[0];
        private int at;
        private boolean ended;

        QueueInput(LinkedBlockingQueue<byte[]> queue) {
            this.queue = queue;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (at >= chunk.length) {
                if (ended) {
                    return -1;
                }
                try {
                    chunk = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                at = 0;
                if (chunk == END) {
                    ended = true;
                    queue.add(END); // for a second reader, if any
                }
            }
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            return n;
        }
    }

    /**
     * Just enough JSON for the first lines: objects, arrays, strings, numbers, literals, strictly (no trailing
     * tokens, no duplicate keys, at most 64 deep). Whatever it refuses goes to the server's full parser.
     */
    static final class MiniJson {
        static final Object NULL = new Object();
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value(0);
            space();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing");
            }
            return v;
        }

        private Object value(int depth) {
            if (depth > 64) {
                throw new IllegalArgumentException("deep");
            }
            space();
            if (i >= s.length()) {
                throw new IllegalArgumentException("end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        space();
                        String k = string();
                        space();
                        expect(':');
                        if (m.put(k, value(depth + 1)) != null) {
                            throw new IllegalArgumentException("duplicate");
                        }
                        space();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value(depth + 1));
                        space();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    return literal("true", Boolean.TRUE);
                }
                case 'f' -> {
                    return literal("false", Boolean.FALSE);
                }
                case 'n' -> {
                    return literal("null", NULL);
                }
                default -> {
                    return number();
                }
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("literal");
            }
            i += word.length();
            return v;
        }

        /** An integer as a BigInteger; any other number as a Double (this front echoes integers only). */
        private Object number() {
            int start = i;
            if (peek('-')) {
                // sign
            }
            int digits = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i == digits || s.charAt(digits) == '0' && i - digits > 1) {
                throw new IllegalArgumentException("number");
            }
            boolean integral = true;
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                integral = false;
                while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
            }
            String text = s.substring(start, i);
            try {
                return integral ? new BigInteger(text) : (Object) Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("number");
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw new IllegalArgumentException("escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw new IllegalArgumentException("escape");
                        }
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("escape");
                }
            }
        }

        private void space() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                    || s.charAt(i) == '\r')) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected " + c);
            }
        }
    }
}
