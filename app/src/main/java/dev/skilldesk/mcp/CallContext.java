package dev.skilldesk.mcp;

/**
 * What a running tool call may tell its client and ask of it, whatever the transport: progress (sent only when
 * the client gave a {@code progressToken}), log messages (sent at the level the client set with
 * {@code logging/setLevel}), and whether the client cancelled the call ({@code notifications/cancelled}), in
 * which case the call stops at its next check and no result is sent.
 */
interface CallContext {
    /** MCP's log levels, least severe first (RFC 5424's syslog severities). */
    enum Level { DEBUG, INFO, NOTICE, WARNING, ERROR }

    /** Thrown by {@link #checkCancelled()}: the client no longer wants the answer. */
    final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled by the client", null, false, false);
        }
    }

    boolean cancelled();

    void progress(double done, Double total, String message);

    void log(Level level, String message);

    default void checkCancelled() {
        if (cancelled()) {
            throw new Cancelled();
        }
    }

    /** A call nobody watches: no progress, no log, never cancelled. */
    CallContext NONE = new CallContext() {
        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public void progress(double done, Double total, String message) {
        }

        @Override
        public void log(Level level, String message) {
        }
    };
}
