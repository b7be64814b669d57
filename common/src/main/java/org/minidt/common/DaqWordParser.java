package org.minidt.common;

import java.nio.charset.StandardCharsets;

/**
 * Parses DAQ text lines of the course stream format. The one place that knows the line syntax and the
 * valid ranges. It works on bytes so that the processor parses frames without building strings.
 *
 * <p>Rules: exactly six comma-separated fields; HEAD 0..5; FPGA 0 or 1; TDC_CHANNEL, ORBIT_CNT and
 * BX_COUNTER non-negative integers. A hit (HEAD 2) must also have TDC_CHANNEL 0..255, ORBIT_CNT below 2^32
 * (a 32-bit counter), BX_COUNTER 0..3563 and an integer TDC_MEAS 0..29. Ancillary words may carry any number
 * in TDC_MEAS (a float on HEAD 4/5) and any BX_COUNTER (HEAD 3 words run past 3563).
 */
public final class DaqWordParser {
    /** Longer lines are garbage, not words: the longest real word is about 40 bytes. */
    public static final int MAX_LINE_BYTES = 128;
    public static final int MAX_TDC_CHANNEL = 255;
    public static final long MAX_ORBIT = 0xFFFF_FFFFL;
    public static final int MAX_TDC_MEAS = DaqTime.TICKS_PER_BX - 1;

    private static final String[] FIELD = {"HEAD", "FPGA", "TDC_CHANNEL", "ORBIT_CNT", "BX_COUNTER", "TDC_MEAS"};

    private DaqWordParser() {
    }

    public static DaqWord parse(String line) throws MalformedWordException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /** Parses bytes [from, to) of {@code buf}, one line without its line terminator (a trailing CR is allowed). */
    public static DaqWord parse(byte[] buf, int from, int to) throws MalformedWordException {
        long hit = wellFormedHit(buf, from, to);
        if (hit == PackedHit.NONE) {
            return parseChecked(buf, from, to);
        }
        Hit h = PackedHit.toHit(hit);
        return new DaqWord(DaqWord.HIT_HEAD, h.fpga(), h.tdcChannel(), h.orbit(), h.bx(), h.tdcMeas());
    }

    /**
     * The common case in one pass over the bytes: a hit written as the DAQ writes it (six plain decimal fields without
     * leading zeros, each within its range, no CR), as a {@link PackedHit}, whose {@link PackedHit#toLine} gives back
     * these exact bytes. {@link PackedHit#NONE} for anything else (another HEAD, a float, a CR, a bad field), which
     * {@link #parseChecked} then parses or explains; where this returns a hit, parseChecked returns the same one.
     */
    public static long wellFormedHit(byte[] buf, int from, int to) {
        if (to - from > MAX_LINE_BYTES) {
            return PackedHit.NONE;
        }
        long fpga = 0;
        long channel = 0;
        long orbit = 0;
        long bx = 0;
        long value = 0;
        int field = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            int b = buf[i];
            if (b >= '0' && b <= '9') {
                if (digits == 1 && value == 0) {
                    return PackedHit.NONE;
                }
                value = value * 10 + (b - '0');
                if (++digits > 12) {
                    return PackedHit.NONE;
                }
            } else if (b == ',' && digits > 0) {
                switch (field++) {
                    case 0 -> {
                        if (value != DaqWord.HIT_HEAD) {
                            return PackedHit.NONE;
                        }
                    }
                    case 1 -> fpga = value;
                    case 2 -> channel = value;
                    case 3 -> orbit = value;
                    case 4 -> bx = value;
                    default -> {
                        return PackedHit.NONE;
                    }
                }
                value = 0;
                digits = 0;
            } else {
                return PackedHit.NONE;
            }
        }
        if (field != 5 || digits == 0 || fpga > 1 || channel > MAX_TDC_CHANNEL || orbit > MAX_ORBIT
                || bx >= DaqTime.BX_PER_ORBIT || value > MAX_TDC_MEAS) {
            return PackedHit.NONE;
        }
        return PackedHit.pack((int) fpga, (int) channel, DaqTime.ticks(orbit, (int) bx, (int) value));
    }

    /** Every rule checked field by field, with the reason for a refusal. */
    static DaqWord parseChecked(byte[] buf, int from, int to) throws MalformedWordException {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        int length = to - from;
        if (length == 0) {
            throw new MalformedWordException("empty line");
        }
        if (length > MAX_LINE_BYTES) {
            throw new MalformedWordException("line of " + length + " bytes, longer than " + MAX_LINE_BYTES);
        }
        long[] ints = new long[5];
        int pos = from;
        for (int field = 0; field < 5; field++) {
            int end = indexOf(buf, pos, to, (byte) ',');
            if (end < 0) {
                throw new MalformedWordException("expected 6 comma-separated fields, found " + (field + 1));
            }
            ints[field] = parseNonNegative(buf, pos, end, field);
            pos = end + 1;
        }
        if (indexOf(buf, pos, to, (byte) ',') >= 0) {
            throw new MalformedWordException("expected 6 comma-separated fields, found more");
        }
        int head = (int) ints[0];
        if (head > DaqWord.MAX_HEAD) {
            throw new MalformedWordException("unknown HEAD " + head + " (valid: 0..5)");
        }
        if (ints[1] > 1) {
            throw new MalformedWordException("FPGA " + ints[1] + " out of range 0..1");
        }
        if (head != DaqWord.HIT_HEAD) {
            double meas = parseNumber(buf, pos, to);
            return new DaqWord(head, (int) ints[1], clampInt(ints[2]), ints[3], clampInt(ints[4]), meas);
        }
        if (ints[2] > MAX_TDC_CHANNEL) {
            throw new MalformedWordException("TDC_CHANNEL " + ints[2] + " out of range 0.." + MAX_TDC_CHANNEL);
        }
        if (ints[3] > MAX_ORBIT) {
            throw new MalformedWordException("ORBIT_CNT " + ints[3] + " out of range 0.." + MAX_ORBIT);
        }
        if (ints[4] >= DaqTime.BX_PER_ORBIT) {
            throw new MalformedWordException("BX_COUNTER " + ints[4] + " out of range 0.." + (DaqTime.BX_PER_ORBIT - 1));
        }
        long tdc = parseNonNegative(buf, pos, to, 5);
        if (tdc > MAX_TDC_MEAS) {
            throw new MalformedWordException("TDC_MEAS " + tdc + " out of range 0.." + MAX_TDC_MEAS);
        }
        return new DaqWord(head, (int) ints[1], (int) ints[2], ints[3], (int) ints[4], tdc);
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int clampInt(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** A non-negative decimal integer of at most 12 digits (more is out of any range here). */
    private static long parseNonNegative(byte[] buf, int from, int to, int field) throws MalformedWordException {
        if (from == to) {
            throw new MalformedWordException(FIELD[field] + " is empty");
        }
        if (to - from > 12) {
            throw new MalformedWordException(FIELD[field] + " has " + (to - from) + " characters, too long for a counter");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw new MalformedWordException(FIELD[field] + " is not a non-negative integer: '" + printable(buf, from, to) + "'");
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** TDC_MEAS of an ancillary word: any finite decimal number. */
    private static double parseNumber(byte[] buf, int from, int to) throws MalformedWordException {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            boolean ok = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!ok) {
                throw new MalformedWordException("TDC_MEAS is not a number: '" + printable(buf, from, to) + "'");
            }
        }
        try {
            double v = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.US_ASCII));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new MalformedWordException("TDC_MEAS is not a number: '" + printable(buf, from, to) + "'");
        }
    }

    /** Field text for an error message: printable ASCII only, at most 24 characters. */
    private static String printable(byte[] buf, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 24); i++) {
            int c = buf[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return to - from > 24 ? sb + "..." : sb.toString();
    }
}
