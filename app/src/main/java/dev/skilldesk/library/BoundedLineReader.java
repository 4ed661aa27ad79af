package dev.skilldesk.library;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines (a trailing '\r' dropped) as UTF-8, never holding more than {@code maxBytes}
 * of one line: a longer line is read past and returned as {@link Line#tooLong()}, so that one line can
 * neither exhaust memory nor stop the lines after it. For JSON-lines input from outside: MCP's stdio
 * transport, Claude Code's transcripts.
 */
public final class BoundedLineReader implements Closeable {
    /**
     * One line: its text (null when it was longer than the limit), how many bytes it had, and whether those
     * were valid UTF-8 (when not, the text has U+FFFD in their place).
     */
    public record Line(String text, long length, boolean validUtf8) {
        public boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private byte[] line = new byte[8 * 1024];

    public BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the input (a last line without '\n' is still a line). */
    public Line next() throws IOException {
        int len = 0;
        long total = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    if (!any) {
                        return null;
                    }
                    return finish(len, total);
                }
                pos = 0;
                end = n;
                if (n == 0) {
                    continue;
                }
            }
            any = true;
            int nl = -1;
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int stop = nl >= 0 ? nl : end;
            int chunk = stop - pos;
            total += chunk;
            if (total <= maxBytes) {
                if (len + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, len + chunk)));
                }
                System.arraycopy(buf, pos, line, len, chunk);
                len += chunk;
            }
            pos = nl >= 0 ? nl + 1 : end;
            if (nl >= 0) {
                return finish(len, total);
            }
        }
    }

    private Line finish(int len, long total) {
        if (total > maxBytes) {
            if (line.length > 64 * 1024) {
                line = new byte[8 * 1024]; // give the big buffer back
            }
            return new Line(null, total, true);
        }
        int n = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, n)).toString();
            return new Line(text, total, true);
        } catch (CharacterCodingException e) {
            return new Line(new String(line, 0, n, StandardCharsets.UTF_8), total, false);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
