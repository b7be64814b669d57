package org.minidt.common;

/**
 * One DAQ word in the course stream format: HEAD,FPGA,TDC_CHANNEL,ORBIT_CNT,BX_COUNTER,TDC_MEAS.
 * TDC_MEAS is a float on ancillary words (HEAD 4 and 5 carry fitted slopes and intercepts).
 */
public record DaqWord(int head, int fpga, int tdcChannel, long orbit, int bx, double tdcMeas) {
    /** HEAD value of a TDC hit in the course stream format; the only words the monitor keeps. */
    public static final int HIT_HEAD = 2;
    /** HEAD values that exist (0..5); others are malformed. */
    public static final int MAX_HEAD = 5;

    public boolean isHit() {
        return head == HIT_HEAD;
    }

    /** This word as a hit; only for {@link #isHit()} words, whose TDC_MEAS the parser checked to be 0..29. */
    public Hit toHit() {
        return new Hit(fpga, tdcChannel, orbit, bx, (int) tdcMeas);
    }
}
