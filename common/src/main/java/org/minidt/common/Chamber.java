package org.minidt.common;

/**
 * The four drift-tube chambers and the course's split of TDC channels between them (docs/detector.md,
 * "Chambers"): the only place that knows the split. Channels 128 and above are auxiliary (scintillator,
 * internal trigger) and belong to no chamber. Which channel is which cell: {@link CellMap}.
 */
public enum Chamber {
    CH0(0, 0), CH1(0, 64), CH2(1, 0), CH3(1, 64);

    public static final int CELLS = 64;
    /** First auxiliary TDC channel: channels at or above belong to no chamber. */
    public static final int FIRST_AUX_CHANNEL = 128;
    /** The scintillator that gives the muon passage time t0. */
    public static final int SCINTILLATOR_FPGA = 1;
    public static final int SCINTILLATOR_CHANNEL = 128;

    private static final Chamber[] BY_INDEX = values();

    private final int fpga;
    private final int firstChannel;

    Chamber(int fpga, int firstChannel) {
        this.fpga = fpga;
        this.firstChannel = firstChannel;
    }

    public int index() {
        return ordinal();
    }

    public int fpga() {
        return fpga;
    }

    /** First TDC_CHANNEL of the chamber; its cells are firstChannel .. firstChannel + 63. */
    public int firstChannel() {
        return firstChannel;
    }

    public static Chamber byIndex(int index) {
        return BY_INDEX[index];
    }

    /** Chamber index 0..3 of a TDC channel, or -1 for auxiliary channels (>= 128). */
    public static int indexOf(int fpga, int tdcChannel) {
        if (tdcChannel < 0 || tdcChannel >= FIRST_AUX_CHANNEL) {
            return -1;
        }
        return fpga * 2 + (tdcChannel >= CELLS ? 1 : 0);
    }

    public static boolean isScintillator(int fpga, int tdcChannel) {
        return fpga == SCINTILLATOR_FPGA && tdcChannel == SCINTILLATOR_CHANNEL;
    }
}
