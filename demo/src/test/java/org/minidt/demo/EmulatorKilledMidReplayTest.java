package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.WindowSummary;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;
import org.minidt.emulator.EmulatorMain;
import org.minidt.processor.ProcessorMain;

/**
 * Issue 14, fault 1: the emulator (a JVM of its own) is killed three times mid-replay and restarted about 5 s
 * later each time, with a processor (a JVM of its own) running. The pauses must not truncate a window nor
 * leave a hit in no histogram: the windows equal those of an uninterrupted run, each emitted once, none late,
 * and the run's last windows close at once on its END_OF_RUN (not after the 30 s source-silence timeout).
 */
class EmulatorKilledMidReplayTest {
    private static final int ROWS = 40_000;
    private static final String RUN = "killed-thrice";
    private static final long WINDOW_MS = 1000;

    @TempDir
    Path tmp;

    @Test
    void emulatorKilledThreeTimesMidReplayGivesTheWindowsOfAnUninterruptedRunNoneLate() throws Exception {
        List<String> file = Files.readAllLines(Path.of("../data/run000591/data_000000.txt"));
        List<String> rows = file.subList(1, ROWS + 1);
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("run000591"));
        Files.write(data.resolve("run000591").resolve("data_000000.txt"), file.subList(0, ROWS + 1));
        Path logs = Path.of("target", "emulator-killed");

        List<ServiceProcess> services = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start()) {
            s3.seed("killed", data);
            ServiceProcess processor = ServiceProcess.start("processor", ProcessorMain.class.getName(), Map.of(
                    "MINIDT_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "MINIDT_APPLICATION_ID", "emulator-killed",
                    "MINIDT_WINDOW_MS", Long.toString(WINDOW_MS), "MINIDT_STATE_DIR", tmp.resolve("state").toString()), logs);
            services.add(processor);
            Map<String, String> emulatorEnv = Map.of("MINIDT_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MINIDT_S3_ENDPOINT", s3.endpoint().toString(), "MINIDT_BUCKET", "killed", "MINIDT_PREFIX", "run000591/",
                    "AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY,
                    "MINIDT_FORMAT", "firmware-2020", "MINIDT_RATE", "4000", "MINIDT_RUN_ID", RUN, "MINIDT_CONTROL_PORT", "-1");

            for (int kill = 1; kill <= 3; kill++) {
                ServiceProcess emulator = ServiceProcess.start("emulator-" + kill, EmulatorMain.class.getName(), emulatorEnv, logs);
                services.add(emulator);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (RunTopics.committedLines(kafka.bootstrapServers(), RUN) < kill * 9_000L) {
                    assertThat(emulator.isAlive()).as("%s mid-replay; its log:%n%s", emulator, emulator.logText()).isTrue();
                    assertThat(System.nanoTime()).as("emulator %d sends", kill).isLessThan(deadline);
                    Thread.sleep(100);
                }
                emulator.kill();
                Thread.sleep(5_000);
            }
            ServiceProcess last = ServiceProcess.start("emulator-4", EmulatorMain.class.getName(), emulatorEnv, logs);
            services.add(last);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (last.isAlive()) {
                assertThat(System.nanoTime()).as("the last emulator finishes the run").isLessThan(deadline);
                Thread.sleep(100);
            }
            long endedNanos = System.nanoTime();
            assertThat(last.toString()).as(last.logText()).endsWith("(exited 0)");
            assertThat(RunTopics.committedLines(kafka.bootstrapServers(), RUN)).isEqualTo(ROWS);

            Map<Long, long[]> expected = PlainWindowCount.of(rows, WINDOW_MS);
            List<WindowSummary> windows = RunTopics.windowsUntil(kafka.bootstrapServers(), RUN, expected.size(), processor);
            // Well within the 30 s source-silence timeout: the last windows closed on the run's END_OF_RUN.
            assertThat(System.nanoTime() - endedNanos).isLessThan(TimeUnit.SECONDS.toNanos(20));

            Map<Long, WindowSummary> byIndex = new TreeMap<>();
            windows.forEach(w -> assertThat(byIndex.put(w.window().index(), w)).as("window %d emitted once (no revision)", w.window().index()).isNull());
            assertThat(byIndex.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((index, counts) -> assertThat(PlainWindowCount.countsOf(byIndex.get(index))).as("window %d", index)
                    .containsExactly(counts));
            assertThat(windows).allSatisfy(w -> assertThat(w.accounting().lateWords()).as("late words in window %d", w.window().index()).isZero());
            assertThat(windows).allSatisfy(w -> assertThat(w.window().closedBy()).isNotEqualTo(WindowSummary.CLOSED_BY_SOURCE_SILENCE));
            assertThat(byIndex.get(((TreeMap<Long, WindowSummary>) byIndex).lastKey()).window().closedBy()).isEqualTo(WindowSummary.CLOSED_BY_END_OF_RUN);
        } finally {
            for (ServiceProcess p : services) {
                p.close();
            }
        }
    }
}
