package dev.skilldesk.library;

import java.io.IOException;
import java.net.BindException;

/** What the servers SkillDesk runs on this machine (MCP over HTTP, the OTLP receiver) say when a port is taken. */
public final class LocalPorts {
    private LocalPorts() {
    }

    /** Jetty's bind failure ("Failed to bind to /127.0.0.1:8765") said as a person would; other failures as they are. */
    public static IOException bindFailure(String host, int port, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new IOException("port " + port + " on " + host + " is taken by another program (or not"
                        + " allowed); choose another port", e);
            }
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
}
