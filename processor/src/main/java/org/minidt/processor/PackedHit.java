package org.minidt.processor;

import org.minidt.common.Hit;

/**
 * A hit packed into one long, so that a window's hits are stored as a plain long array (8 bytes a hit):
 * ticks (below 2^49: a 32-bit orbit counter times 106,920 ticks) in the high bits, then FPGA (1 bit) and
 * TDC_CHANNEL (8 bits). Sorting packed hits sorts them by time.
 */
final class PackedHit {
    private static final int CHANNEL_BITS = 8;
    private static final int FPGA_SHIFT = CHANNEL_BITS;
    private static final int TICKS_SHIFT = CHANNEL_BITS + 1;

    private PackedHit() {
    }

    static long pack(Hit hit) {
        return (hit.ticks() << TICKS_SHIFT) | ((long) hit.fpga() << FPGA_SHIFT) | hit.tdcChannel();
    }

    static long ticks(long packed) {
        return packed >>> TICKS_SHIFT;
    }

    static int fpga(long packed) {
        return (int) (packed >>> FPGA_SHIFT) & 1;
    }

    static int channel(long packed) {
        return (int) packed & ((1 << CHANNEL_BITS) - 1);
    }
}
