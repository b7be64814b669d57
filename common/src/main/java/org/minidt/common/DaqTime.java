package org.minidt.common;

/**
 * The detector clock. A word's time is counted in TDC ticks of 1/30 bunch crossing (25/30 ns), so that
 * every time and every difference of times is an exact integer: ticks = (ORBIT_CNT * 3564 + BX) * 30 + TDC_MEAS.
 */
public final class DaqTime {
    public static final int BX_PER_ORBIT = 3564;
    public static final int TICKS_PER_BX = 30;
    public static final double NS_PER_BX = 25.0;
    public static final long TICKS_PER_ORBIT = (long) BX_PER_ORBIT * TICKS_PER_BX;
    /** 1 ms = 1e6 ns = 1.2e6 ticks (1 tick = 5/6 ns). */
    public static final long TICKS_PER_MS = 1_200_000L;

    private DaqTime() {
    }

    public static long ticks(long orbit, int bx, int tdcMeas) {
        return (orbit * BX_PER_ORBIT + bx) * TICKS_PER_BX + tdcMeas;
    }

    /** ORBIT_CNT of a time in ticks. */
    public static long orbitOf(long ticks) {
        return ticks / TICKS_PER_ORBIT;
    }

    /** BX_COUNTER of a time in ticks. */
    public static int bxOf(long ticks) {
        return (int) (ticks % TICKS_PER_ORBIT / TICKS_PER_BX);
    }

    /** TDC_MEAS of a time in ticks. */
    public static int tdcMeasOf(long ticks) {
        return (int) (ticks % TICKS_PER_BX);
    }

    public static long orbitStartTicks(long orbit) {
        return orbit * TICKS_PER_ORBIT;
    }

    /** Converts ticks to nanoseconds (exact up to double rounding: 1 tick = 5/6 ns). */
    public static double ticksToNs(long ticks) {
        return ticks * NS_PER_BX / TICKS_PER_BX;
    }

    /** Ticks to whole nanoseconds, rounded down. */
    public static long ticksToWholeNs(long ticks) {
        return Math.floorDiv(ticks * 5, 6);
    }
}
