package org.minidt.quality;

import org.minidt.common.Chamber;

/**
 * The seam between TDC channels and cells (layer, wire, label) until common's cell mapping lands: the checks ask
 * only this class. Layer and wire as in the detector group's analysis (DQM.md): with n = channel within the
 * chamber counted from 1, layer = {1: 1, 2: 3, 3: 2, 0: 4}[n % 4] and wire = (n - 1) / 4 + 1.
 */
final class CellMap {
    private static final int[] LAYER_OF_REMAINDER = {4, 1, 3, 2};

    private CellMap() {
    }

    static int layer(int chamber, int channel) {
        return LAYER_OF_REMAINDER[numberInChamber(chamber, channel) % 4];
    }

    static int wire(int chamber, int channel) {
        return (numberInChamber(chamber, channel) - 1) / 4 + 1;
    }

    /** "L2-W07", the cell's name on the page and in reasons. */
    static String label(int chamber, int channel) {
        return String.format("L%d-W%02d", layer(chamber, channel), wire(chamber, channel));
    }

    /** 1..64: the chamber's channels counted from 1 as the group's code counts them. */
    private static int numberInChamber(int chamber, int channel) {
        return channel - Chamber.byIndex(chamber).firstChannel() + 1;
    }
}
