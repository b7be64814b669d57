package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidt.common.DaqTime;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.Hit;
import org.minidt.common.MalformedWordException;

/** The synthetic source's truth agrees with plain counting of the words it writes. */
class SyntheticSourceTest {
    /** Course offsets: drift time = t_hit - t0 + offset[c]. */
    static final double[] OFFSET_NS = {93.9, 101.4, 95.5, 92.4};

    private static List<String> generate(SyntheticSource source) {
        List<String> lines = new ArrayList<>();
        for (String l = source.nextLine(); l != null; l = source.nextLine()) {
            lines.add(l);
        }
        return lines;
    }

    private static List<DaqWord> parseAll(List<String> lines) throws MalformedWordException {
        List<DaqWord> words = new ArrayList<>();
        for (String l : lines) {
            words.add(DaqWordParser.parse(l));
        }
        return words;
    }

    @Test
    void sameSeedGivesTheSameWordsAndAnotherSeedOthers() {
        List<String> a = generate(new SyntheticSource(new SyntheticConfig(7, 5, 400, 20_000)));
        List<String> b = generate(new SyntheticSource(new SyntheticConfig(7, 5, 400, 20_000)));
        List<String> c = generate(new SyntheticSource(new SyntheticConfig(8, 5, 400, 20_000)));
        assertThat(a).hasSize(20_000).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void everyWordIsAValidCourseWordAndTheCountsMatchTheTruth() throws Exception {
        SyntheticSource source = new SyntheticSource(new SyntheticConfig(42, 5, 400, 100_000));
        List<DaqWord> words = parseAll(generate(source));
        SyntheticSource.Truth truth = source.truth();

        long[] byHead = new long[6];
        long[] perChamber = new long[4];
        long scintillator = 0;
        for (DaqWord w : words) {
            byHead[w.head()]++;
            if (w.isHit()) {
                Hit h = w.toHit();
                if (h.isScintillator()) {
                    scintillator++;
                } else if (h.chamber() >= 0) {
                    perChamber[h.chamber()]++;
                }
            }
        }
        assertThat(truth.words()).isEqualTo(100_000);
        assertThat(byHead).containsExactly(truth.wordsByHead());
        assertThat(perChamber).containsExactly(truth.hitsPerChamber());
        assertThat(scintillator).isEqualTo(truth.scintillatorHits());
        assertThat(truth.trackHits() + truth.noiseHits() + truth.scintillatorHits()).isEqualTo(byHead[2]);
        // Realistic proportions: per muon one scintillator hit, ten ancillary words (HEAD 3,1,0,4,5 per FPGA), up to 16 track hits.
        assertThat(byHead[0]).isEqualTo(byHead[1]).isEqualTo(byHead[3]).isEqualTo(byHead[4]).isEqualTo(byHead[5]);
        assertThat(byHead[0]).isBetween(2 * scintillator - 2, 2 * scintillator);
        assertThat((double) truth.trackHits() / truth.muons()).isBetween(4.0, 16.0);
        // 400 Hz noise against 5 Hz muons: noise dominates the hits, as in Run000591.
        assertThat(truth.noiseHits()).isGreaterThan(truth.trackHits());
    }

    @Test
    void driftTimesRecoveredFromTheWordsAreTheGeneratedOnes() throws Exception {
        SyntheticSource source = new SyntheticSource(new SyntheticConfig(3, 5, 0, 60_000));
        List<DaqWord> words = parseAll(generate(source));
        SyntheticSource.Truth truth = source.truth();

        // Plain matching: each chamber hit to the scintillator hit within -500..+150 ns of it (muons are ms apart).
        List<Long> scintillatorTicks = words.stream().filter(DaqWord::isHit).map(DaqWord::toHit)
                .filter(Hit::isScintillator).map(Hit::ticks).toList();
        long[][] counted = new long[4][SyntheticSource.TRUTH_RANGE_TICKS];
        double sumDriftNs = 0;
        long matched = 0;
        double minDrift = Double.MAX_VALUE;
        double maxDrift = -Double.MAX_VALUE;
        for (DaqWord w : words) {
            if (!w.isHit() || w.toHit().chamber() < 0) {
                continue;
            }
            Hit h = w.toHit();
            long t0 = scintillatorTicks.stream().filter(s -> h.ticks() - s <= 600 && s - h.ticks() <= 180).findFirst().orElseThrow();
            counted[h.chamber()][(int) (h.ticks() - t0) + SyntheticSource.TRUTH_OFFSET_TICKS]++;
            double driftNs = DaqTime.ticksToNs(h.ticks() - t0) + OFFSET_NS[h.chamber()];
            sumDriftNs += driftNs;
            minDrift = Math.min(minDrift, driftNs);
            maxDrift = Math.max(maxDrift, driftNs);
            matched++;
        }
        for (int c = 0; c < 4; c++) {
            for (int t = -SyntheticSource.TRUTH_OFFSET_TICKS; t < SyntheticSource.TRUTH_RANGE_TICKS - SyntheticSource.TRUTH_OFFSET_TICKS; t++) {
                assertThat(counted[c][t + SyntheticSource.TRUTH_OFFSET_TICKS]).as("chamber %d, %d ticks", c, t).isEqualTo(truth.trackHits(c, t));
            }
        }
        assertThat(matched).isEqualTo(truth.trackHits()).isGreaterThan(10_000);
        // The time box: drift times 0..390 ns (within a tick of rounding), uniform, so about 195 ns on average.
        assertThat(minDrift).isBetween(-1.0, 5.0);
        assertThat(maxDrift).isBetween(385.0, 391.0);
        assertThat(sumDriftNs / matched).isBetween(185.0, 205.0);
    }

    @Test
    void streamEndsAfterTheRequestedWordsAsNewlineTerminatedLines() throws Exception {
        SyntheticSource source = new SyntheticSource(new SyntheticConfig(1, 5, 400, 1_000));
        String text = new String(source.asStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(text.lines().count()).isEqualTo(1_000);
        assertThat(text).endsWith("\n");
        assertThat(text.lines().toList()).isEqualTo(generate(new SyntheticSource(new SyntheticConfig(1, 5, 400, 1_000))));
    }

    @Test
    void ancillaryFloatsAreWrittenWithSixDecimalsLikeTheDaq() {
        assertThat(SyntheticSource.sixDecimals(-0.57373)).isEqualTo("-0.573730");
        assertThat(SyntheticSource.sixDecimals(45.5)).isEqualTo("45.500000");
        assertThat(SyntheticSource.sixDecimals(-67.3125)).isEqualTo("-67.312500");
        assertThat(SyntheticSource.sixDecimals(0.0000004)).isEqualTo("0.000000");
        assertThat(SyntheticSource.sixDecimals(-0.0000004)).isEqualTo("0.000000");
        assertThat(SyntheticSource.sixDecimals(1.9999996)).isEqualTo("2.000000");
    }
}
