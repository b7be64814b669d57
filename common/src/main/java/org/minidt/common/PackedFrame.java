package org.minidt.common;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The packed encoding of a {@link RawFrame} (header {@link RawFrame#HEADER_ENCODING} = {@value #ID}): the lines parsed
 * once, by the emulator, so that the processor reads hits without parsing text (docs/emulator.md, "Record encoding").
 *
 * <p>The value is a sequence of 8-byte big-endian entries, one per line, in line order: entry k is line firstLine + k.
 * <ul>
 *   <li>a non-negative entry is a hit as a {@link PackedHit}: a line that {@link DaqWordParser#wellFormedHit} took,
 *       whose bytes {@link PackedHit#toLine} gives back;</li>
 *   <li>a negative entry is an escape: its low 32 bits are a byte length n (bits 32..62 are zero), and the line's
 *       original n bytes follow, zero-padded to a multiple of 8. Every other line is escaped: ancillary words, hits
 *       written otherwise (CR, leading zeros) and malformed lines, which the processor then parses with the checked
 *       parser, counts by HEAD or dead-letters with their own bytes.</li>
 * </ul>
 * So a packed frame holds every line exactly as read, like a text frame.
 */
public final class PackedFrame {
    /** The value of the encoding header. */
    public static final String ID = "packed-v1";
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final long ESCAPE = Long.MIN_VALUE;
    private static final long LENGTH_MASK = 0xFFFF_FFFFL;

    private PackedFrame() {
    }

    /** Appends one line: its packed hit ({@code packedHit} from {@link DaqWordParser#wellFormedHit}) or, if NONE, its bytes. */
    static void write(ByteArrayOutputStream out, byte[] line, int length, long packedHit) {
        byte[] entry = new byte[Long.BYTES];
        if (packedHit != PackedHit.NONE) {
            LONG.set(entry, 0, packedHit);
            out.write(entry, 0, Long.BYTES);
            return;
        }
        LONG.set(entry, 0, ESCAPE | length);
        out.write(entry, 0, Long.BYTES);
        out.write(line, 0, length);
        out.write(new byte[padding(length)], 0, padding(length));
    }

    /** Checks that {@code value} is a sequence of well-formed entries, so that {@link #read} can trust it. */
    static void check(byte[] value) throws MalformedWordException {
        if (value.length % Long.BYTES != 0) {
            throw new MalformedWordException("packed frame of " + value.length + " bytes, not a multiple of 8");
        }
        for (int pos = 0; pos < value.length; pos += Long.BYTES) {
            long entry = (long) LONG.get(value, pos);
            if (entry < 0) {
                long length = entry & LENGTH_MASK;
                if ((entry & ~ESCAPE & ~LENGTH_MASK) != 0 || pos + Long.BYTES + length > value.length) {
                    throw new MalformedWordException("packed frame has a bad escape at byte " + pos);
                }
                pos += (int) length + padding((int) length);
            } else if (!PackedHit.isValid(entry)) {
                throw new MalformedWordException("packed frame has a hit past the last orbit at byte " + pos);
            }
        }
    }

    /** Hands each entry of a {@link #check checked} value to the visitor; allocates nothing. */
    static void read(byte[] value, long firstLine, RawFrame.WordVisitor visitor) {
        long lineNumber = firstLine;
        for (int pos = 0; pos < value.length; pos += Long.BYTES) {
            long entry = (long) LONG.get(value, pos);
            if (entry >= 0) {
                visitor.hit(entry, lineNumber++);
            } else {
                int length = (int) (entry & LENGTH_MASK);
                int from = pos + Long.BYTES;
                visitor.line(value, from, from + length, lineNumber++);
                pos += length + padding(length);
            }
        }
    }

    private static int padding(int length) {
        return -length & (Long.BYTES - 1);
    }
}
