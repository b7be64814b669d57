package org.minidt.emulator;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.minidt.common.Chamber;
import org.minidt.common.DaqTime;

/**
 * Generates course-format DAQ words with known truth, for load far beyond the real files and for tests.
 *
 * <p>Model (documented in docs/emulator.md): muons arrive at random (Poisson, {@code muonRateHz} of detector
 * time) as straight tracks, x uniform across the chambers and slope up to 30 degrees. Each chamber has 4
 * layers of 16 cells 42 mm wide and 13 mm high, odd layers staggered by half a cell; a layer the track
 * crosses inside the chamber gives a hit (95 % efficiency) on channel {@code cell * 4 + layer} of the
 * chamber, at drift time |x - cell centre| / 53.8 um/ns (at most 390 ns). The scintillator (FPGA 1, channel
 * 128) fires 95.0 ns after the muon; a chamber hit comes at muon time + drift time - correction[c], with the
 * course corrections (-1.1, +6.4, +0.5, -2.6) ns, so that the course formula t_hit - t0 + offset[c] gives back
 * the drift time. Each muon also brings, per FPGA, the ancillary group seen in the course stream
 * (HEAD 3, 1, 0, 4, 5, with counters about 10 s away and floats in TDC_MEAS on HEAD 4/5). Noise hits
 * (Poisson, {@code noiseRateHz}) fall on random cells. ORBIT_CNT starts at 3,387,200,000 like the course data
 * and wraps at 2^32 like the 32-bit hardware counter.
 *
 * <p>Faults ({@link SyntheticConfig.Fault}) change this from a given detector time: a silent cell drops its hits, a
 * hot cell adds Poisson hits of its own, a time shift delays one chamber's track hits, a synchronous burst fires
 * many channels of one chamber in each of a few consecutive orbits.
 */
public final class SyntheticSource {
    public static final long FIRST_ORBIT = 3_387_200_000L;
    static final double SCINTILLATOR_DELAY_NS = 95.0;
    static final double[] CHAMBER_CORRECTION_NS = {-1.1, 6.4, 0.5, -2.6};
    static final double CELL_WIDTH_MM = 42.0;
    static final double LAYER_HEIGHT_MM = 13.0;
    static final double CHAMBER_SPACING_MM = 250.0;
    static final int LAYERS = 4;
    static final int CELLS_PER_LAYER = Chamber.CELLS / LAYERS;
    static final double DRIFT_VELOCITY_MM_PER_NS = 0.0538;
    static final double EFFICIENCY = 0.95;
    static final double MAX_SLOPE = Math.tan(Math.toRadians(30));
    static final long ANCILLARY_ORBIT_OFFSET = 112_230;
    /** Hit time minus scintillator time, in ticks, is kept for -TRUTH_OFFSET_TICKS .. TRUTH_RANGE_TICKS-TRUTH_OFFSET_TICKS-1. */
    static final int TRUTH_OFFSET_TICKS = 200;
    static final int TRUTH_RANGE_TICKS = 800;
    private static final int[] ANCILLARY_HEADS = {3, 1, 0, 4, 5};
    private static final double NS_PER_TICK = DaqTime.NS_PER_BX / DaqTime.TICKS_PER_BX;
    private static final long ORBIT_WRAP = 1L << 32;

    private final SyntheticConfig config;
    private final SplittableRandom random;
    /** Faults draw from their own stream: the same seed gives the same healthy words, with or without faults. */
    private final SplittableRandom faultRandom;
    private final ArrayDeque<Word> pending = new ArrayDeque<>();
    private final Truth truth = new Truth();
    private final long startTicks = DaqTime.orbitStartTicks(FIRST_ORBIT);
    private double nextMuonNs;
    private double nextNoiseNs;
    private final List<SyntheticConfig.HotCell> hotCells = new ArrayList<>();
    private final double[] nextHotNs;
    private final ArrayDeque<SyntheticConfig.SynchronousBurst> bursts = new ArrayDeque<>();

    /** What the generator knows about the words it has handed out so far. */
    static final class Truth {
        private long words;
        private final long[] wordsByHead = new long[6];
        private final long[] hitsPerChamber = new long[4];
        private long scintillatorHits;
        private long muons;
        private long trackHits;
        private long noiseHits;
        /** Per chamber, track hits by (hit time - scintillator time) in ticks, index offset by TRUTH_OFFSET_TICKS. */
        private final long[][] trackHitMinusScintillatorTicks = new long[4][TRUTH_RANGE_TICKS];

        long words() {
            return words;
        }

        long[] wordsByHead() {
            return wordsByHead.clone();
        }

        long[] hitsPerChamber() {
            return hitsPerChamber.clone();
        }

        long scintillatorHits() {
            return scintillatorHits;
        }

        long muons() {
            return muons;
        }

        long trackHits() {
            return trackHits;
        }

        long noiseHits() {
            return noiseHits;
        }

        /** Track hits of chamber c whose time minus their muon's scintillator time is {@code ticks}. */
        long trackHits(int chamber, int ticks) {
            int i = ticks + TRUTH_OFFSET_TICKS;
            return i < 0 || i >= TRUTH_RANGE_TICKS ? 0 : trackHitMinusScintillatorTicks[chamber][i];
        }
    }

    private enum Kind { SCINTILLATOR, TRACK, NOISE, ANCILLARY }

    /** A generated word with what the truth needs to know about it. */
    private record Word(String line, int head, Kind kind, int chamber, long ticks, long scintillatorTicks) {
    }

    public SyntheticSource(SyntheticConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.faultRandom = new SplittableRandom(~config.seed());
        this.nextMuonNs = exponentialNs(config.muonRateHz());
        this.nextNoiseNs = exponentialNs(config.noiseRateHz());
        config.faults().stream().filter(f -> f instanceof SyntheticConfig.HotCell).map(f -> (SyntheticConfig.HotCell) f).forEach(hotCells::add);
        nextHotNs = new double[hotCells.size()];
        for (int i = 0; i < nextHotNs.length; i++) {
            nextHotNs[i] = hotCells.get(i).fromS() * 1e9 + exponentialNs(faultRandom, hotCells.get(i).extraHz());
        }
        config.faults().stream().filter(f -> f instanceof SyntheticConfig.SynchronousBurst).map(f -> (SyntheticConfig.SynchronousBurst) f)
                .sorted(Comparator.comparingDouble(SyntheticConfig.SynchronousBurst::atS)).forEach(bursts::add);
    }

    Truth truth() {
        return truth;
    }

    /** The next line, or null once {@code words} lines were generated. */
    public String nextLine() {
        if (config.words() > 0 && truth.words >= config.words()) {
            return null;
        }
        while (pending.isEmpty()) {
            generateNextEvent();
        }
        Word w = pending.poll();
        count(w);
        return w.line();
    }

    /** The words as a text stream, one '\n'-terminated line each; it ends after {@code words} lines (never if 0). */
    InputStream asStream() {
        return new InputStream() {
            private byte[] line = new byte[0];
            private int pos;

            @Override
            public int read() {
                if (!fill()) {
                    return -1;
                }
                return line[pos++];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len && fill()) {
                    int k = Math.min(len - n, line.length - pos);
                    System.arraycopy(line, pos, b, off + n, k);
                    pos += k;
                    n += k;
                }
                return n == 0 && len > 0 ? -1 : n;
            }

            private boolean fill() {
                if (pos < line.length) {
                    return true;
                }
                String next = nextLine();
                if (next == null) {
                    return false;
                }
                line = (next + "\n").getBytes(StandardCharsets.US_ASCII);
                pos = 0;
                return true;
            }
        };
    }

    private void count(Word w) {
        truth.words++;
        truth.wordsByHead[w.head()]++;
        switch (w.kind()) {
            case SCINTILLATOR -> truth.scintillatorHits++;
            case TRACK -> {
                truth.trackHits++;
                truth.hitsPerChamber[w.chamber()]++;
                int i = (int) (w.ticks() - w.scintillatorTicks()) + TRUTH_OFFSET_TICKS;
                if (i >= 0 && i < TRUTH_RANGE_TICKS) {
                    truth.trackHitMinusScintillatorTicks[w.chamber()][i]++;
                }
            }
            case NOISE -> {
                truth.noiseHits++;
                truth.hitsPerChamber[w.chamber()]++;
            }
            case ANCILLARY -> {
            }
        }
    }

    private void generateNextEvent() {
        int hot = -1;
        for (int i = 0; i < nextHotNs.length; i++) {
            if (hot < 0 || nextHotNs[i] < nextHotNs[hot]) {
                hot = i;
            }
        }
        double next = Math.min(nextMuonNs, nextNoiseNs);
        if (!bursts.isEmpty() && bursts.peek().atS() * 1e9 <= Math.min(next, hot < 0 ? next : nextHotNs[hot])) {
            burst(bursts.poll());
        } else if (hot >= 0 && nextHotNs[hot] < next) {
            SyntheticConfig.HotCell h = hotCells.get(hot);
            noiseHit(h.chamber(), h.channel(), nextHotNs[hot]);
            nextHotNs[hot] += exponentialNs(faultRandom, h.extraHz());
        } else if (nextMuonNs <= nextNoiseNs) {
            muon(nextMuonNs);
            nextMuonNs += exponentialNs(config.muonRateHz());
        } else {
            int chamber = random.nextInt(4);
            noiseHit(chamber, Chamber.byIndex(chamber).firstChannel() + random.nextInt(Chamber.CELLS), nextNoiseNs);
            nextNoiseNs += exponentialNs(config.noiseRateHz());
        }
    }

    private void noiseHit(int chamber, int channel, double ns) {
        if (silent(chamber, channel, ns)) {
            return;
        }
        long ticks = ticksAt(ns);
        pending.add(new Word(hitLine(Chamber.byIndex(chamber).fpga(), channel, ticks), 2, Kind.NOISE, chamber, ticks, 0));
    }

    /** A burst of synchronous noise: in each of {@code orbits} consecutive orbits, {@code channels} distinct channels fire together. */
    private void burst(SyntheticConfig.SynchronousBurst b) {
        double orbitNs = DaqTime.BX_PER_ORBIT * DaqTime.NS_PER_BX;
        for (int k = 0; k < b.orbits(); k++) {
            double ns = b.atS() * 1e9 + k * orbitNs;
            int[] order = IntStream.range(0, Chamber.CELLS).toArray();
            for (int i = 0; i < b.channels(); i++) {
                int j = i + faultRandom.nextInt(Chamber.CELLS - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                noiseHit(b.chamber(), Chamber.byIndex(b.chamber()).firstChannel() + order[i], ns + faultRandom.nextDouble() * 100);
            }
        }
    }

    private boolean silent(int chamber, int channel, double ns) {
        for (SyntheticConfig.Fault f : config.faults()) {
            if (f instanceof SyntheticConfig.SilentCell s && s.chamber() == chamber && s.channel() == channel && ns >= s.fromS() * 1e9) {
                return true;
            }
        }
        return false;
    }

    private double timeShiftNs(int chamber, double ns) {
        double shift = 0;
        for (SyntheticConfig.Fault f : config.faults()) {
            if (f instanceof SyntheticConfig.TimeShift t && t.chamber() == chamber && ns >= t.fromS() * 1e9) {
                shift += t.shiftNs();
            }
        }
        return shift;
    }

    private void muon(double muonNs) {
        truth.muons++;
        long scintTicks = ticksAt(muonNs + SCINTILLATOR_DELAY_NS);
        List<Word> words = new ArrayList<>();
        words.add(new Word(hitLine(Chamber.SCINTILLATOR_FPGA, Chamber.SCINTILLATOR_CHANNEL, scintTicks), 2, Kind.SCINTILLATOR, -1, scintTicks, scintTicks));
        double width = CELLS_PER_LAYER * CELL_WIDTH_MM;
        double x0 = random.nextDouble() * width;
        double slope = (random.nextDouble() * 2 - 1) * MAX_SLOPE;
        for (int c = 0; c < 4; c++) {
            for (int layer = 0; layer < LAYERS; layer++) {
                double z = c * CHAMBER_SPACING_MM + (layer + 0.5) * LAYER_HEIGHT_MM;
                double stagger = (layer % 2) * CELL_WIDTH_MM / 2;
                double x = x0 + slope * z - stagger;
                int cell = (int) Math.floor(x / CELL_WIDTH_MM);
                if (cell < 0 || cell >= CELLS_PER_LAYER || random.nextDouble() >= EFFICIENCY) {
                    continue;
                }
                Chamber chamber = Chamber.byIndex(c);
                int channel = chamber.firstChannel() + cell * LAYERS + layer;
                if (silent(c, channel, muonNs)) {
                    continue;
                }
                double driftNs = Math.abs(x - (cell + 0.5) * CELL_WIDTH_MM) / DRIFT_VELOCITY_MM_PER_NS;
                long ticks = ticksAt(muonNs + driftNs - CHAMBER_CORRECTION_NS[c] + timeShiftNs(c, muonNs));
                words.add(new Word(hitLine(chamber.fpga(), channel, ticks), 2,
                        Kind.TRACK, c, ticks, scintTicks));
            }
        }
        words.sort(Comparator.comparingLong(Word::ticks));
        pending.addAll(words);
        long orbit = wrap(Math.floorDiv(scintTicks, DaqTime.TICKS_PER_ORBIT) + ANCILLARY_ORBIT_OFFSET);
        for (int fpga = 0; fpga < 2; fpga++) {
            for (int head : ANCILLARY_HEADS) {
                pending.add(new Word(ancillaryLine(head, fpga, orbit), head, Kind.ANCILLARY, -1, 0, 0));
            }
        }
    }

    private String ancillaryLine(int head, int fpga, long orbit) {
        return switch (head) {
            case 3 -> "3," + fpga + ",0," + orbit + "," + random.nextInt(20_000) + ",0";
            case 1 -> "1," + fpga + ",0," + orbit + ",0," + random.nextInt(150);
            case 0 -> "0," + fpga + "," + random.nextInt(32) + "," + orbit + "," + random.nextInt(DaqTime.BX_PER_ORBIT) + "," + random.nextInt(30);
            case 4 -> "4," + fpga + ",0," + orbit + ",0," + sixDecimals(random.nextDouble() * 1.2 - 0.6);
            default -> "5," + fpga + ",0," + orbit + ",0," + sixDecimals(random.nextDouble() * 160 - 80);
        };
    }

    /** The DAQ's "%.6f" (e.g. -0.573730), without String.format's cost at millions of words per second. */
    static String sixDecimals(double v) {
        long micro = Math.round(Math.abs(v) * 1e6);
        String fraction = Long.toString(1_000_000 + micro % 1_000_000).substring(1);
        return (v < 0 && micro != 0 ? "-" : "") + (micro / 1_000_000) + "." + fraction;
    }

    private static String hitLine(int fpga, int channel, long ticks) {
        long bxTotal = Math.floorDiv(ticks, DaqTime.TICKS_PER_BX);
        int tdc = (int) Math.floorMod(ticks, DaqTime.TICKS_PER_BX);
        long orbit = Math.floorDiv(bxTotal, DaqTime.BX_PER_ORBIT);
        int bx = (int) Math.floorMod(bxTotal, DaqTime.BX_PER_ORBIT);
        return "2," + fpga + "," + channel + "," + wrap(orbit) + "," + bx + "," + tdc;
    }

    private static long wrap(long orbit) {
        return orbit % ORBIT_WRAP;
    }

    /** Detector ticks of a time given in ns since the start of the stream. */
    private long ticksAt(double ns) {
        return startTicks + Math.round(ns / NS_PER_TICK);
    }

    private double exponentialNs(double rateHz) {
        return exponentialNs(random, rateHz);
    }

    private static double exponentialNs(SplittableRandom r, double rateHz) {
        return rateHz <= 0 ? Double.POSITIVE_INFINITY : -Math.log(1 - r.nextDouble()) / rateHz * 1e9;
    }
}
