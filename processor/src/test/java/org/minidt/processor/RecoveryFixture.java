package org.minidt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minidt.common.DaqFormat;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.WindowSummary;

/**
 * Input and expected output of the multi-process tests: several runs of Run000591 interleaved frame by frame
 * (as concurrent replays arrive), each ended by a sentinel hit seconds later so that every real window closes
 * by stream time; the expected windows come from one uninterrupted processor in a TopologyTestDriver, whose
 * numbers {@link WindowProductsExactnessTest} checks against the batch computation.
 */
final class RecoveryFixture {
    /** Source-silence closes are kept out (they would depend on how long a restart takes): the tests need stream time only. */
    static final long SOURCE_SILENCE_MS = 600_000;

    final List<RawFrame> frames;
    final List<WindowSummary> expected;

    RecoveryFixture(List<String> runIds, int lines, int linesPerFrame) {
        List<String> all = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        List<String> rows = all.subList(0, Math.min(lines, all.size()));
        List<List<RawFrame>> perRun = new ArrayList<>();
        for (String runId : runIds) {
            RunInfo run = DaqFiles.run(runId, rows, System.currentTimeMillis());
            List<RawFrame> runFrames = new ArrayList<>(DaqFiles.frames(run, "run000591/data_000000.txt", rows, linesPerFrame));
            long lastOrbit = rows.stream().mapToLong(l -> Long.parseLong(l.split(",")[3])).max().orElseThrow();
            runFrames.add(new RawFrame.Builder().add("2,0,0," + (lastOrbit + 5 * 11_224) + ",0,0").build(run, "sentinel", 1));
            perRun.add(runFrames);
        }
        frames = new ArrayList<>();
        for (int i = 0; perRun.stream().anyMatch(f -> !f.isEmpty()); i++) {
            for (List<RawFrame> runFrames : perRun) {
                if (!runFrames.isEmpty()) {
                    frames.add(runFrames.remove(0));
                }
            }
        }
        try (MonitorDriver driver = new MonitorDriver(c -> c.withSourceSilenceMs(SOURCE_SILENCE_MS))) {
            driver.pipe(frames);
            expected = driver.results();
        }
    }

    /** The processor's flags for these tests. */
    static List<String> processorArgs(String bootstrap, String stateDir, String instanceId) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrap, "--application-id", "minidt-it",
                "--state-dir", stateDir, "--source-silence-ms", Long.toString(SOURCE_SILENCE_MS), "--metrics-log-interval-ms", "1000"));
        if (instanceId != null) {
            args.addAll(List.of("--instance-id", instanceId));
        }
        return args;
    }

    /** The window messages equal the expected ones: none missing, none duplicated, none different. */
    void assertSameWindows(List<WindowSummary> actual) {
        Map<String, Long> copies = actual.stream().collect(Collectors.groupingBy(RecoveryFixture::id, Collectors.counting()));
        assertThat(copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("windows emitted more than once").isEmpty();
        Map<String, WindowSummary> byId = actual.stream().collect(Collectors.toMap(RecoveryFixture::id, Function.identity()));
        assertThat(byId.keySet()).as("the windows emitted").containsExactlyInAnyOrderElementsOf(expected.stream().map(RecoveryFixture::id).toList());
        for (WindowSummary e : expected.stream().sorted(Comparator.comparing(RecoveryFixture::id)).toList()) {
            assertThat(comparable(byId.get(id(e)))).as("window " + id(e)).isEqualTo(comparable(e));
        }
    }

    private static String id(WindowSummary w) {
        return w.run() + "/" + w.window().index();
    }

    /** The message without what legitimately differs between runs of the processor: when it was closable and emitted. */
    private static WindowSummary comparable(WindowSummary w) {
        WindowSummary.Window x = w.window();
        return new WindowSummary(w.schema(), w.run(), new WindowSummary.Window(x.index(), x.sizeMs(), x.detectorStartNs(), x.detectorEndNs(),
                x.runStartMs(), x.sinceRunStartMs(), x.wallStartMs(), x.wallEndMs(), 0, 0, x.closedBy(), x.revision(), x.lastInRun()), w.totalHits(), w.chambers(), w.scintillator(), w.accounting(), w.settings());
    }
}
