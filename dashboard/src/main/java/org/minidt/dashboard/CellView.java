package org.minidt.dashboard;

import java.util.Arrays;
import java.util.List;
import org.minidt.common.Cell;
import org.minidt.common.CellMap;
import org.minidt.common.Chamber;

/** A cell as the page draws it: where it sits in its chamber and which (FPGA, TDC channel) counts it. */
public record CellView(int chamber, int fpga, int layer, int wire, int channel, String label) {

    static CellView of(Cell c) {
        return new CellView(c.chamber().index(), c.chamber().fpga(), c.layer(), c.wire(), c.channel(), c.label());
    }

    /** Every chamber's 64 cells under the given numbering, chamber by chamber. */
    static List<List<CellView>> layout(CellMap map) {
        return Arrays.stream(Chamber.values()).map(ch -> map.cells(ch).stream().map(CellView::of).toList()).toList();
    }
}
