package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minidt.common.DaqTime;

/** The pacer's schedule (what is due when), without timing assertions on the machine's speed. */
class PacerTest {
    static final long T0 = DaqTime.ticks(3_387_200_000L, 100, 0);
    static final long ONE_SECOND_TICKS = 1000 * DaqTime.TICKS_PER_MS;

    @Test
    void rateModeSpacesWordsAtOneOverTheRate() {
        Pacer pacer = new Pacer(Pacing.rate(10));
        assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isZero();
        pacer.sent(Pacer.NO_TIME);
        pacer.sent(Pacer.NO_TIME);
        // Word 2 of 10 words/s is due 200 ms after the start.
        assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isBetween(100_000_000L, 200_000_000L);
    }

    @Test
    void wordsDueWithinAMillisecondGoAtOnceSoTheEmulatorWakesOnceAMillisecondNotOnceAWord() {
        Pacer pacer = new Pacer(Pacing.rate(10_000));
        assertThat(pacer.nanosToWait(Pacer.NO_TIME)).isZero();
        for (int i = 0; i < 9; i++) {
            pacer.sent(Pacer.NO_TIME);
            // Words 1 to 9 of 10,000 words/s are due 0.1 to 0.9 ms after the start: they go with word 0.
            assertThat(pacer.nanosToWait(Pacer.NO_TIME)).isZero();
        }
        for (int i = 9; i < 500; i++) {
            pacer.sent(Pacer.NO_TIME);
        }
        // Word 500 is due 50 ms after the start: the emulator sleeps until then.
        assertThat(pacer.nanosToWait(Pacer.NO_TIME)).isBetween(Pacer.WAKE_UP_NANOS + 1, 50_000_000L);
    }

    @Test
    void maxModeNeverWaits() {
        Pacer pacer = new Pacer(Pacing.max());
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isZero();
            pacer.sent(Pacer.NO_TIME);
        }
    }

    @Test
    void speedModeFollowsTheDetectorClockOfHits() {
        Pacer pacer = new Pacer(Pacing.speed(2));
        assertThat(pacer.nanosUntil(T0)).isZero();
        pacer.sent(T0);
        // A hit 1 s later in detector time is due 0.5 s later at speed 2.
        assertThat(pacer.nanosUntil(T0 + ONE_SECOND_TICKS)).isBetween(400_000_000L, 500_000_000L);
        // Words without a time and hits behind the clock go at once.
        assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isZero();
        assertThat(pacer.nanosUntil(T0 - 1000)).isZero();
    }

    @Test
    void speedModeReanchorsOnAClockJumpInsteadOfStalling() {
        Pacer pacer = new Pacer(Pacing.speed(1));
        pacer.nanosUntil(T0);
        pacer.sent(T0);
        long jump = T0 + 11 * ONE_SECOND_TICKS;
        assertThat(pacer.nanosUntil(jump)).isZero();
        pacer.sent(jump);
        assertThat(pacer.nanosUntil(jump + ONE_SECOND_TICKS / 10)).isBetween(50_000_000L, 100_000_000L);
        // A counter reset (far backwards) re-anchors as well.
        assertThat(pacer.nanosUntil(T0 - 100 * ONE_SECOND_TICKS)).isZero();
    }

    @Test
    void changingThePacingRestartsTheSchedule() {
        Pacer pacer = new Pacer(Pacing.rate(1));
        pacer.nanosUntil(Pacer.NO_TIME);
        pacer.sent(Pacer.NO_TIME);
        assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isGreaterThan(500_000_000L);
        pacer.set(Pacing.rate(1_000_000));
        assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isZero();
        pacer.sent(Pacer.NO_TIME);
        assertThat(pacer.nanosUntil(Pacer.NO_TIME)).isLessThanOrEqualTo(1_000L);
        assertThat(pacer.pacing()).isEqualTo(Pacing.rate(1_000_000));
    }

    @Test
    void aSilenceLongerThanTheLongestIsCutToItOnceAndCounted() {
        Pacer pacer = new Pacer(Pacing.speed(1, 3000));
        pacer.nanosUntil(T0);
        pacer.sent(T0);
        // Run000591's 210 s without hits becomes 3 s; asking again about the same hit does not cut twice.
        long afterGap = T0 + 210 * ONE_SECOND_TICKS;
        assertThat(pacer.nanosUntil(afterGap)).isBetween(2_900_000_000L, 3_000_000_000L);
        assertThat(pacer.nanosUntil(afterGap)).isBetween(2_900_000_000L, 3_000_000_000L);
        assertThat(pacer.silencesCut()).isEqualTo(1);
        pacer.sent(afterGap);
        // After the silence the detector clock runs on as recorded: half a second later is due at 3.5 s.
        assertThat(pacer.nanosUntil(afterGap + ONE_SECOND_TICKS / 2)).isBetween(3_400_000_000L, 3_500_000_000L);
        assertThat(pacer.silencesCut()).isEqualTo(1);
    }

    @Test
    void theSameSilenceInTheNextLoopPassIsCutAgain() {
        Pacer pacer = new Pacer(Pacing.speed(1, 3000));
        long afterGap = T0 + 210 * ONE_SECOND_TICKS;
        for (int pass = 1; pass <= 2; pass++) {
            assertThat(pacer.nanosUntil(T0)).as("pass %d starts at once", pass).isZero();
            pacer.sent(T0);
            assertThat(pacer.nanosUntil(afterGap)).as("pass %d", pass).isBetween(2_900_000_000L, 3_000_000_000L);
            pacer.sent(afterGap);
        }
        assertThat(pacer.silencesCut()).isEqualTo(2);
    }

    @Test
    void aSilenceUpToTheLongestIsKeptAsRecorded() {
        Pacer pacer = new Pacer(Pacing.speed(2, 3000));
        pacer.nanosUntil(T0);
        pacer.sent(T0);
        // 2.5 s of detector time at speed 2: 1.25 s.
        assertThat(pacer.nanosUntil(T0 + 5 * ONE_SECOND_TICKS / 2)).isBetween(1_150_000_000L, 1_250_000_000L);
        assertThat(pacer.silencesCut()).isZero();
    }

    @Test
    void withoutALongestSilenceAGapBeyondTheClockJumpReanchors() {
        Pacer pacer = new Pacer(Pacing.speed(1));
        pacer.nanosUntil(T0);
        pacer.sent(T0);
        assertThat(pacer.nanosUntil(T0 + 210 * ONE_SECOND_TICKS)).isZero();
        assertThat(pacer.silencesCut()).isZero();
    }
}
