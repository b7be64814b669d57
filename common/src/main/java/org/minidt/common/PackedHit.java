package org.minidt.common;

/**
 * A TDC hit packed into one non-negative long: ticks (below 2^49: a 32-bit orbit counter times 106,920 ticks) in the
 * high bits, then FPGA (1 bit) and TDC_CHANNEL (8 bits). The form in which packed frames carry hits ({@link PackedFrame})
 * and the processor stores them (8 bytes a hit). It loses nothing of a hit: ORBIT_CNT, BX_COUNTER and TDC_MEAS derive
 * back from ticks ({@link DaqTime}), since BX_COUNTER < 3564 and TDC_MEAS < 30; the chamber and the scintillator derive
 * from FPGA and channel. Sorting packed hits sorts them by time.
 */
public final class PackedHit {
    /** Not a packed hit: what {@link DaqWordParser#wellFormedHit} answers for any other line. */
    public static final long NONE = -1;
    private static final int CHANNEL_BITS = 8;
    private static final int FPGA_SHIFT = CHANNEL_BITS;
    private static final int TICKS_SHIFT = CHANNEL_BITS + 1;
    /** The latest time a hit can have: the last tick of orbit 2^32 - 1. */
    static final long MAX_TICKS = DaqTime.ticks(DaqWordParser.MAX_ORBIT, DaqTime.BX_PER_ORBIT - 1, DaqWordParser.MAX_TDC_MEAS);

    private PackedHit() {
    }

    /** Packs a hit whose fields are within the parser's ranges (FPGA 0..1, channel 0..255, orbit below 2^32). */
    public static long pack(int fpga, int tdcChannel, long ticks) {
        return (ticks << TICKS_SHIFT) | ((long) fpga << FPGA_SHIFT) | tdcChannel;
    }

    public static long of(Hit hit) {
        return pack(hit.fpga(), hit.tdcChannel(), hit.ticks());
    }

    public static long ticks(long packed) {
        return packed >>> TICKS_SHIFT;
    }

    public static int fpga(long packed) {
        return (int) (packed >>> FPGA_SHIFT) & 1;
    }

    public static int channel(long packed) {
        return (int) packed & ((1 << CHANNEL_BITS) - 1);
    }

    /** Whether a long read from a frame can be a packed hit: non-negative and no later than {@link #MAX_TICKS}. */
    static boolean isValid(long packed) {
        return packed >= 0 && ticks(packed) <= MAX_TICKS;
    }

    public static Hit toHit(long packed) {
        long ticks = ticks(packed);
        return new Hit(fpga(packed), channel(packed), DaqTime.orbitOf(ticks), DaqTime.bxOf(ticks), DaqTime.tdcMeasOf(ticks));
    }

    /** The course-format line the hit was read from (a packed hit is only made of a line written exactly so). */
    public static String toLine(long packed) {
        Hit h = toHit(packed);
        return DaqWord.HIT_HEAD + "," + h.fpga() + "," + h.tdcChannel() + "," + h.orbit() + "," + h.bx() + "," + h.tdcMeas();
    }
}
