package org.minidt.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaqTimeTest {

    @Test
    void countsTicksOfOneThirtiethBunchCrossing() {
        assertThat(DaqTime.ticks(0, 0, 1)).isEqualTo(1);
        assertThat(DaqTime.ticks(0, 1, 0)).isEqualTo(30);
        assertThat(DaqTime.ticks(1, 0, 0)).isEqualTo(106_920);
        // Orbit counters of the course data exceed 2^31: the arithmetic is 64-bit.
        assertThat(DaqTime.ticks(3_387_200_947L, 2922, 2)).isEqualTo((3_387_200_947L * 3564 + 2922) * 30 + 2);
    }

    @Test
    void convertsTicksToNanosecondsAndMilliseconds() {
        assertThat(DaqTime.ticksToNs(30)).isEqualTo(25.0);
        assertThat(DaqTime.ticksToWholeNs(6)).isEqualTo(5);
        // One orbit is 89.1 us.
        assertThat(DaqTime.ticksToNs(DaqTime.TICKS_PER_ORBIT)).isEqualTo(89_100.0);
    }
}
