package org.minidt.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a DAQ file line by line as bytes, exactly as written: lines end at '\n' only, and every other byte
 * (a CR before the '\n', a lone CR, bytes that are not UTF-8) stays in the line, so a dead letter can hold
 * the original. A line longer than {@code maxLineBytes} is not held whole: only its first
 * {@code prefixBytes} are kept, the rest is skipped as it streams by, and its full length is counted.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final int prefixBytes;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int kept;
    private long length;

    LineReader(InputStream in, int maxLineBytes, int prefixBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.prefixBytes = Math.min(prefixBytes, maxLineBytes);
    }

    /** Reads the next line; false at the end of the stream. A last line without '\n' is a line; nothing after a final '\n' is. */
    boolean next() throws IOException {
        kept = 0;
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any;
                }
            }
            any = true;
            int end = pos;
            while (end < limit && buf[end] != '\n') {
                end++;
            }
            keep(pos, end - pos);
            pos = end;
            if (end < limit) {
                pos++;
                return true;
            }
        }
    }

    private void keep(int from, int n) {
        length += n;
        int room = (int) Math.min(n, (length > maxLineBytes ? prefixBytes : maxLineBytes) - kept);
        if (room <= 0) {
            return;
        }
        if (kept + room > line.length) {
            line = Arrays.copyOf(line, Math.max(kept + room, Math.min(line.length * 2, maxLineBytes)));
        }
        System.arraycopy(buf, from, line, kept, room);
        kept += room;
    }

    /** Whether the line is longer than the longest line kept whole: then {@link #bytes()} holds only its prefix. */
    boolean tooLong() {
        return length > maxLineBytes;
    }

    /** The line's bytes (or, for a line too long, its first bytes): {@code bytes()[0 .. kept())}. Reused by the next line. */
    byte[] bytes() {
        return line;
    }

    /** How many bytes of the line {@link #bytes()} holds. */
    int kept() {
        return tooLong() ? Math.min(kept, prefixBytes) : kept;
    }

    /** The line's full length in bytes, without its '\n'. */
    long length() {
        return length;
    }
}
