package org.minidt.common;

/**
 * One drift-tube cell: its chamber, layer 1..4 (1 on top; layers 2 and 4 are shifted by half a cell),
 * wire 1..16 along the layer, and the TDC channel that reads it out. {@link CellMap} is the only place
 * that knows which channel is which cell; see docs/detector.md.
 */
public record Cell(Chamber chamber, int layer, int wire, int channel) {

    /** The cell's name inside its chamber, e.g. "L2-W07". */
    public String label() {
        return "L" + layer + "-W" + (wire < 10 ? "0" : "") + wire;
    }

    /** True for layers 2 and 4, drawn half a cell to the right of layers 1 and 3. */
    public boolean staggered() {
        return layer % 2 == 0;
    }

    /** "cell L2-W07 (ch 27)": how a message names the cell. */
    @Override
    public String toString() {
        return "cell " + label() + " (ch " + channel + ")";
    }
}
