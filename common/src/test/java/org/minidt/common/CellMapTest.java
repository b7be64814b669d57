package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellMapTest {
    private static final CellMap GROUP = new CellMap(1);
    private static final CellMap COURSE = new CellMap(0);

    @Test
    void channelsOneToFourAreTheFourLayersOfWireOneInTheGroupsOrder() {
        assertThat(GROUP.cellOf(0, 1)).contains(new Cell(Chamber.CH0, 1, 1, 1));
        assertThat(GROUP.cellOf(0, 2)).contains(new Cell(Chamber.CH0, 3, 1, 2));
        assertThat(GROUP.cellOf(0, 3)).contains(new Cell(Chamber.CH0, 2, 1, 3));
        assertThat(GROUP.cellOf(0, 4)).contains(new Cell(Chamber.CH0, 4, 1, 4));
    }

    @Test
    void baseOneSplitsEachFpgaAtSixtyFourAndSixtyFive() {
        assertThat(GROUP.cellOf(0, 64)).contains(new Cell(Chamber.CH0, 4, 16, 64));
        assertThat(GROUP.cellOf(0, 65)).contains(new Cell(Chamber.CH1, 1, 1, 65));
        assertThat(GROUP.cellOf(1, 27).orElseThrow().toString()).isEqualTo("cell L2-W07 (ch 27)");
        assertThat(GROUP.cellOf(1, 27).orElseThrow().chamber()).isEqualTo(Chamber.CH2);
        assertThat(GROUP.cellOf(1, 128)).contains(new Cell(Chamber.CH3, 4, 16, 128));
        assertThat(GROUP.cellOf(0, 0)).isEmpty();
        assertThat(GROUP.cellOf(1, 129)).isEmpty();
        assertThat(GROUP.cellOf(0, 139)).isEmpty();
    }

    @Test
    void baseZeroFollowsTheCourseSplitOfChamber() {
        assertThat(COURSE.cellOf(0, 0)).contains(new Cell(Chamber.CH0, 1, 1, 0));
        assertThat(COURSE.cellOf(0, 63)).contains(new Cell(Chamber.CH0, 4, 16, 63));
        assertThat(COURSE.cellOf(1, 64)).contains(new Cell(Chamber.CH3, 1, 1, 64));
        assertThat(COURSE.cellOf(1, 128)).isEmpty();
        for (int fpga = 0; fpga <= 1; fpga++) {
            for (int channel = 0; channel < 128; channel++) {
                assertThat(COURSE.cellOf(fpga, channel).orElseThrow().chamber().index())
                        .isEqualTo(Chamber.indexOf(fpga, channel));
            }
        }
    }

    /** The group's config.py and offline_analysis.py, written out plainly for every channel 1..128. */
    @Test
    void everyChannelAgreesWithTheGroupsRule() {
        Map<Integer, Integer> layerByMod4 = Map.of(1, 1, 2, 3, 3, 2, 0, 4);
        for (int fpga = 0; fpga <= 1; fpga++) {
            for (int channel = 1; channel <= 128; channel++) {
                int sl = fpga * 2 + (channel <= 64 ? 0 : 1);
                int norm = channel - 64 * (sl % 2);
                Cell cell = GROUP.cellOf(fpga, channel).orElseThrow();
                assertThat(cell.chamber().index()).isEqualTo(sl);
                assertThat(cell.layer()).isEqualTo(layerByMod4.get(channel % 4));
                assertThat(cell.wire()).isEqualTo((norm - 1) / 4 + 1);
            }
        }
    }

    @Test
    void eachChambersSixtyFourCellsHaveDistinctChannelsThatMapBack() {
        for (CellMap map : List.of(GROUP, COURSE)) {
            for (Chamber chamber : Chamber.values()) {
                List<Cell> cells = map.cells(chamber);
                Set<Integer> channels = new HashSet<>();
                for (Cell cell : cells) {
                    channels.add(cell.channel());
                    assertThat(map.cellOf(chamber.fpga(), cell.channel())).contains(cell);
                }
                assertThat(channels).hasSize(64);
                assertThat(cells.get(0).label()).isEqualTo("L1-W01");
                assertThat(cells.get(63).label()).isEqualTo("L4-W16");
            }
        }
    }

    @Test
    void layersTwoAndFourAreStaggered() {
        assertThat(GROUP.cell(Chamber.CH1, 2, 5).staggered()).isTrue();
        assertThat(GROUP.cell(Chamber.CH1, 4, 5).staggered()).isTrue();
        assertThat(GROUP.cell(Chamber.CH1, 1, 5).staggered()).isFalse();
        assertThat(GROUP.cell(Chamber.CH1, 3, 5).staggered()).isFalse();
    }

    @Test
    void aNumberingTheDetectorDoesNotUseIsAUserError() {
        assertThatThrownBy(() -> new CellMap(64)).isInstanceOf(UserError.class)
                .hasMessageContaining("channel base 64").hasMessageContaining("pass 1");
        assertThatThrownBy(() -> GROUP.cell(Chamber.CH0, 5, 1)).hasMessageContaining("layers are 1..4");
    }
}
