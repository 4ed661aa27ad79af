package dev.skilldesk;

import dev.skilldesk.skill.Printable;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What SkillDesk prints to a terminal, with every character {@link Printable} escapes shown as {@code \}{@code uXXXX}:
 * text from outside (a skill's description, a name an OTLP event carried, a path in an archive) cannot clear the
 * screen, set the title, forge a line or reverse one. Newlines and tabs pass, and a carriage return right before a
 * newline (a Windows line end). JSON printed through it stays the same JSON.
 */
public final class EscapingWriter extends FilterWriter {
    /** A carriage return held back until the next character says whether it ends a line. */
    private boolean pendingCr;

    public EscapingWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write(c == '\n' ? "\r" : "\\u000d");
        }
        if (c == '\r') {
            pendingCr = true;
        } else if (Character.isSurrogate((char) c) || !Printable.escaped(c, true)) {
            out.write(c);
        } else {
            StringBuilder b = new StringBuilder(6);
            Printable.appendEscape(b, c);
            out.write(b.toString());
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = cbuf[i];
            if (Character.isHighSurrogate(c) && i + 1 < off + len && Character.isLowSurrogate(cbuf[i + 1])) {
                int cp = Character.toCodePoint(c, cbuf[i + 1]);
                flushCr();
                if (Printable.escaped(cp, true)) {
                    StringBuilder b = new StringBuilder(12);
                    Printable.appendEscape(b, cp);
                    out.write(b.toString());
                } else {
                    out.write(cbuf, i, 2);
                }
                i++;
            } else {
                write(c);
            }
        }
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flushCr();
        out.close();
    }

    private void flushCr() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write("\\u000d");
        }
    }
}
