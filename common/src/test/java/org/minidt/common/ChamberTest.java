package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChamberTest {

    @Test
    void mapsFpgaAndChannelRangesToTheFourChambers() {
        assertThat(Chamber.indexOf(0, 0)).isEqualTo(0);
        assertThat(Chamber.indexOf(0, 63)).isEqualTo(0);
        assertThat(Chamber.indexOf(0, 64)).isEqualTo(1);
        assertThat(Chamber.indexOf(0, 127)).isEqualTo(1);
        assertThat(Chamber.indexOf(1, 0)).isEqualTo(2);
        assertThat(Chamber.indexOf(1, 63)).isEqualTo(2);
        assertThat(Chamber.indexOf(1, 64)).isEqualTo(3);
        assertThat(Chamber.indexOf(1, 127)).isEqualTo(3);
    }

    @Test
    void auxiliaryChannelsBelongToNoChamber() {
        assertThat(Chamber.indexOf(1, 128)).isEqualTo(-1);
        assertThat(Chamber.indexOf(0, 139)).isEqualTo(-1);
        assertThat(Chamber.isScintillator(1, 128)).isTrue();
        assertThat(Chamber.isScintillator(0, 128)).isFalse();
    }

    @Test
    void chambersKnowTheirFpgaAndFirstChannel() {
        assertThat(Chamber.byIndex(3).fpga()).isEqualTo(1);
        assertThat(Chamber.byIndex(3).firstChannel()).isEqualTo(64);
        assertThat(Chamber.byIndex(1).fpga()).isEqualTo(0);
    }
}
