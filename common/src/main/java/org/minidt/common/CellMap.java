package org.minidt.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which TDC channel reads which {@link Cell}: the detector group's rule (docs/detector.md, from
 * jpazzini/FortyMHzReadout analysis/packages/config.py). Counting a chamber's channels n = 1..64,
 * {@code n % 4} gives the layer (1 -> 1, 2 -> 3, 3 -> 2, 0 -> 4) and {@code (n - 1) / 4 + 1} the wire.
 *
 * <p>{@code channelBase} is the TDC_CHANNEL of a chamber block's n = 1: with base 1 (the group's
 * numbering, and what Run000591 shows: channel 0 never fires, channel 64 fires together with 61-63)
 * FPGA channels 1..64 are the first chamber and 65..128 the second; with base 0 (the course's split,
 * {@link Chamber}) they are 0..63 and 64..127.
 */
public record CellMap(int channelBase) {
    public static final int LAYERS = 4;
    public static final int WIRES = 16;

    /** The numbering of the group's code and of the bundled Run000591. */
    public static final CellMap DEFAULT = new CellMap(1);

    /** Layer of channel position n by n % 4 = 0, 1, 2, 3. */
    private static final int[] LAYER_BY_MOD4 = {4, 1, 3, 2};
    /** Position of a layer inside its group of four channels (layer 1..4 -> 1, 3, 2, 4). */
    private static final int[] POSITION_BY_LAYER = {0, 1, 3, 2, 4};

    public CellMap {
        if (channelBase != 0 && channelBase != 1) {
            throw new UserError("channel base " + channelBase
                    + " is not a numbering the detector uses: pass 1 (FortyMHz firmware, Run000591) or 0 (the course's 0-63 / 64-127)");
        }
    }

    /** The cell a TDC channel reads, or empty for channels that read no cell (auxiliary, or outside the blocks). */
    public Optional<Cell> cellOf(int fpga, int tdcChannel) {
        int position = tdcChannel - channelBase;
        if (fpga < 0 || fpga > 1 || position < 0 || position >= 2 * Chamber.CELLS) {
            return Optional.empty();
        }
        Chamber chamber = Chamber.byIndex(fpga * 2 + position / Chamber.CELLS);
        int n = position % Chamber.CELLS + 1;
        return Optional.of(new Cell(chamber, LAYER_BY_MOD4[n % 4], (n - 1) / 4 + 1, tdcChannel));
    }

    /** The cell at a layer 1..4 and wire 1..16 of a chamber. */
    public Cell cell(Chamber chamber, int layer, int wire) {
        if (layer < 1 || layer > LAYERS || wire < 1 || wire > WIRES) {
            throw new IllegalArgumentException("no cell at layer " + layer + ", wire " + wire + ": layers are 1..4, wires 1..16");
        }
        int n = 4 * (wire - 1) + POSITION_BY_LAYER[layer];
        int channel = channelBase + Chamber.CELLS * (chamber.index() % 2) + n - 1;
        return new Cell(chamber, layer, wire, channel);
    }

    /** The chamber's 64 cells, layer 1 first, each layer by wire. */
    public List<Cell> cells(Chamber chamber) {
        List<Cell> cells = new ArrayList<>(Chamber.CELLS);
        for (int layer = 1; layer <= LAYERS; layer++) {
            for (int wire = 1; wire <= WIRES; wire++) {
                cells.add(cell(chamber, layer, wire));
            }
        }
        return cells;
    }
}
