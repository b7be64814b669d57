package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidt.common.DaqTime;
import org.minidt.common.Quality;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.WindowSummary;
import org.minidt.emulator.SyntheticConfig;
import org.minidt.emulator.SyntheticSource;

/**
 * The judgement end to end on known faults: the emulator's synthetic source (a healthy run promoted to reference, then
 * a run with four injected faults) -> the processor's topology -> the quality service's topology. Exactly the faults
 * are flagged, at the right scope and with the right reason, and nothing else; the time-box fit recovers the
 * generator's t0 and box width.
 */
class InjectedFaultsTest {
    static final int SECONDS = 30;
    static final double MUON_HZ = 400;
    static final double NOISE_HZ = 400;
    /** The generator's drift: 21 mm at 53.8 um/ns; its t0 is 0 after the processor's course offsets. */
    static final double BOX_WIDTH_NS = 21.0 / 0.0538;

    static final int SILENT_CHAMBER = 0;
    static final int SILENT_CHANNEL = 21;
    static final int HOT_CHAMBER = 1;
    static final int HOT_CHANNEL = 101;
    static final int BURST_CHAMBER = 2;
    static final int SHIFT_CHAMBER = 3;
    static final double CELL_FAULTS_FROM_S = 10;
    static final double BURST_AT_S = 15.5;
    static final double SHIFT_FROM_S = 20;

    static QualityReference reference;
    static List<List<QualityVerdict>> judged;
    /** The healthy run's verdicts at its last window. */
    static List<QualityVerdict> healthyLast;
    static double hotCellHz;

    @BeforeAll
    static void judgeAHealthyAndAFaultyRun() {
        try (DriverChain chain = new DriverChain()) {
            List<WindowSummary> healthy = chain.windows("synthetic-reference", SyntheticSource.FIRST_ORBIT, endOrbit(),
                    lines(new SyntheticConfig(11, MUON_HZ, NOISE_HZ, 0)));
            healthyLast = chain.judge(healthy).get(SECONDS - 1);
            reference = chain.promote("synthetic-reference");
            double cellHz = reference.chambers().get(HOT_CHAMBER).occupancy().binCounts()[HOT_CHANNEL - 64] / reference.span().seconds();
            hotCellHz = 9 * cellHz; // the cell at 10 times its rate
            SyntheticConfig faulty = new SyntheticConfig(12, MUON_HZ, NOISE_HZ, 0).withFaults(
                    new SyntheticConfig.SilentCell(SILENT_CHAMBER, SILENT_CHANNEL, CELL_FAULTS_FROM_S),
                    new SyntheticConfig.HotCell(HOT_CHAMBER, HOT_CHANNEL, hotCellHz, CELL_FAULTS_FROM_S),
                    new SyntheticConfig.SynchronousBurst(BURST_CHAMBER, BURST_AT_S, 10, 24),
                    new SyntheticConfig.TimeShift(SHIFT_CHAMBER, 20, SHIFT_FROM_S));
            judged = chain.judge(chain.windows("synthetic-faults", SyntheticSource.FIRST_ORBIT, endOrbit(), lines(faulty)));
        }
    }

    private static long endOrbit() {
        return SyntheticSource.FIRST_ORBIT + (long) (SECONDS * 1e9 / (DaqTime.BX_PER_ORBIT * DaqTime.NS_PER_BX));
    }

    /** The source's lines up to the first hit after {@link #SECONDS} s. */
    static List<String> lines(SyntheticConfig config) {
        SyntheticSource source = new SyntheticSource(config);
        List<String> out = new ArrayList<>();
        for (String line = source.nextLine(); ; line = source.nextLine()) {
            if (line.startsWith("2,") && Long.parseLong(line.split(",")[3]) > endOrbit()) {
                return out;
            }
            out.add(line);
        }
    }

    static boolean alarm(QualityVerdict v) {
        return v.quality() == Quality.BAD || v.quality() == Quality.MEDIUM;
    }

    static boolean isCell(QualityVerdict v, int chamber, int channel) {
        return v.scope().kind().equals("cell") && v.scope().chamber() == chamber && v.scope().channel() == channel;
    }

    static boolean isChamberCheck(QualityVerdict v, int chamber, String... checks) {
        return v.scope().kind().equals("chamber") && v.scope().chamber() == chamber && List.of(checks).contains(v.check());
    }

    /**
     * What each fault may raise: its cell's or chamber's check with the fault's reason, and the summaries above them. A
     * cell's fault may also show in its chamber's occupancy shape while the run-so-far cell count is still within 5
     * sigma of the reference (the cell is then not yet left out of the shape comparison).
     */
    static final Map<String, Predicate<QualityVerdict>> FAULTS = new TreeMap<>(Map.of(
            "silent cell", v -> isCell(v, SILENT_CHAMBER, SILENT_CHANNEL) && v.reason().matches("cell L1-W06 \\(ch 21\\) (silent|dead): .*")
                    || isChamberCheck(v, SILENT_CHAMBER, "occupancy-shape"),
            "hot cell", v -> isCell(v, HOT_CHAMBER, HOT_CHANNEL) && v.reason().matches("cell L1-W10 \\(ch 101\\) noisy: .*")
                    || isChamberCheck(v, HOT_CHAMBER, "occupancy-shape"),
            "synchronous burst", v -> isChamberCheck(v, BURST_CHAMBER, "synchronous-noise") && v.reason().endsWith(": synchronous noise"),
            "t0 shift", v -> isChamberCheck(v, SHIFT_CHAMBER, "t0-shift", "tmax-shift", "time-box-shape")));

    static String faultOf(QualityVerdict v) {
        return FAULTS.entrySet().stream().filter(f -> f.getValue().test(v)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** Alarms of the window span (kind "window") or the run-so-far span (kind "run"), by window index. */
    static List<List<QualityVerdict>> alarms(String span) {
        return judged.stream().map(vs -> vs.stream().filter(v -> v.span().kind().equals(span) && alarm(v)).toList()).toList();
    }

    @Test
    void everyAlarmIsOneOfTheInjectedFaultsOrASummaryOfThem() {
        assertThat(judged).hasSize(SECONDS);
        for (List<QualityVerdict> window : judged) {
            for (QualityVerdict v : window.stream().filter(InjectedFaultsTest::alarm).toList()) {
                if (v.check().equals("summary")) {
                    assertThat(window.stream().filter(x -> x.span().kind().equals(v.span().kind()) && faultOf(x) != null && alarm(x))
                            .map(QualityVerdict::reason)).as("summary %s", v.reason()).anySatisfy(r -> assertThat(v.reason()).startsWith(r));
                } else {
                    assertThat(faultOf(v)).as("%s window %d: %s", v.span().kind(), v.span().lastIndex(), v.reason()).isNotNull();
                }
            }
        }
    }

    @Test
    void nothingIsFlaggedBeforeTheFirstFault() {
        for (int w = 0; w < CELL_FAULTS_FROM_S; w++) {
            assertThat(judged.get(w)).filteredOn(InjectedFaultsTest::alarm).extracting(QualityVerdict::reason).as("window %d", w).isEmpty();
        }
    }

    @Test
    void eachFaultIsFlaggedInTheWindowsWhereItActsAndSaysWhy() {
        List<List<QualityVerdict>> windows = alarms("window");
        for (int w = 0; w < SECONDS; w++) {
            List<String> faults = windows.get(w).stream().map(InjectedFaultsTest::faultOf).filter(f -> f != null).distinct().sorted().toList();
            List<String> expected = new ArrayList<>();
            if (w >= CELL_FAULTS_FROM_S) {
                expected.add("hot cell");
                expected.add("silent cell");
            }
            if (w == (int) BURST_AT_S) {
                expected.add("synchronous burst");
            }
            if (w >= SHIFT_FROM_S) {
                expected.add("t0 shift");
            }
            assertThat(faults).as("faults flagged in window %d", w).containsExactlyInAnyOrderElementsOf(expected);
        }
        windows.get(SECONDS - 1).stream().filter(v -> !v.check().equals("summary")).forEach(v -> System.out.println("flagged: " + v.reason()));
        windows.get((int) BURST_AT_S).stream().filter(v -> v.check().equals("synchronous-noise")).forEach(v -> System.out.println("flagged: " + v.reason()));
        QualityVerdict shift = windows.get(25).stream().filter(v -> v.check().equals("t0-shift")).findFirst().orElseThrow();
        assertThat(shift.quality()).isEqualTo(Quality.BAD);
        assertThat(shift.value()).isCloseTo(20, within(3.0));
        assertThat(shift.reason()).startsWith("chamber 3: t0 +");
        QualityVerdict hot = windows.get(12).stream().filter(v -> isCell(v, HOT_CHAMBER, HOT_CHANNEL)).findFirst().orElseThrow();
        assertThat(hot.value() / hot.details().get("expected")).isCloseTo(10, within(2.5));
        assertThat(windows.get(12)).filteredOn(v -> v.scope().kind().equals("detector")).singleElement()
                .satisfies(d -> assertThat(d.quality()).isEqualTo(Quality.BAD));
    }

    @Test
    void theRunSoFarFlagsTheLastingFaultsSecondsAfterTheyStart() {
        List<List<QualityVerdict>> run = alarms("run");
        Map<String, Integer> first = new TreeMap<>();
        for (int w = 0; w < SECONDS; w++) {
            for (QualityVerdict v : run.get(w)) {
                String f = faultOf(v);
                if (f != null) {
                    first.putIfAbsent(f, w);
                }
            }
        }
        System.out.println("run so far: first window flagged per fault " + first);
        assertThat(first).containsKeys("silent cell", "hot cell", "t0 shift");
        assertThat(first.get("silent cell")).isBetween((int) CELL_FAULTS_FROM_S, (int) CELL_FAULTS_FROM_S + 10);
        assertThat(first.get("hot cell")).isBetween((int) CELL_FAULTS_FROM_S, (int) CELL_FAULTS_FROM_S + 5);
    }

    @Test
    void theTimeBoxFitRecoversTheGeneratorsT0AndBoxWidth() {
        List<QualityVerdict> fits = healthyLast.stream().filter(v -> v.check().equals("time-box-fit") && v.span().kind().equals("run")).toList();
        assertThat(fits).hasSize(4);
        for (QualityVerdict fit : fits) {
            System.out.println(fit.reason());
            assertThat(fit.details().get("t0_ns")).as("%s", fit.reason()).isCloseTo(0, within(2.0));
            assertThat(fit.details().get("tmax_ns") - fit.details().get("t0_ns")).as("%s", fit.reason()).isCloseTo(BOX_WIDTH_NS, within(5.0));
            assertThat(fit.details().get("v_drift_um_per_ns")).isCloseTo(53.8, within(0.7));
        }
        // one window of the shifted chamber: t0 moved by the injected 20 ns
        QualityVerdict shifted = judged.get(25).stream().filter(v -> v.check().equals("time-box-fit") && v.span().kind().equals("window")
                && v.scope().chamber() == SHIFT_CHAMBER).findFirst().orElseThrow();
        assertThat(shifted.details().get("t0_ns")).as(shifted.reason()).isCloseTo(20, within(3.0));
    }
}
