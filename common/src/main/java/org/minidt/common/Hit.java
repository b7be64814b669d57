package org.minidt.common;

/** A TDC hit (a DAQ word with HEAD == 2), already validated by {@link DaqWordParser}. */
public record Hit(int fpga, int tdcChannel, long orbit, int bx, int tdcMeas) {

    /** Time in TDC ticks (see {@link DaqTime}). */
    public long ticks() {
        return DaqTime.ticks(orbit, bx, tdcMeas);
    }

    /** Chamber index 0..3, or -1 for an auxiliary channel. */
    public int chamber() {
        return Chamber.indexOf(fpga, tdcChannel);
    }

    public boolean isScintillator() {
        return Chamber.isScintillator(fpga, tdcChannel);
    }
}
