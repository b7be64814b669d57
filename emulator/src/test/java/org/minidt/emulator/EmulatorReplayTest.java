package org.minidt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.Hit;
import org.minidt.common.Json;
import org.minidt.common.PackedHit;
import org.minidt.common.RawFrame;
import org.minidt.common.S3Settings;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;

/** The emulator against a real broker and S3 server: what lands on minidt.raw-hits, as the processor decodes it. */
class EmulatorReplayTest {
    static final Path DATA = Path.of("..", "data");
    static EmbeddedKafka kafka;
    static EmbeddedS3 s3;
    static S3Settings bucket;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        s3 = EmbeddedS3.start();
        // The two data directories only (not SOURCES.md), as a DAQ bucket would hold them.
        Path dataOnly = Files.createTempDirectory("emulator-replay-");
        for (String d : List.of("course-sample", "run000591")) {
            Files.createDirectories(dataOnly.resolve(d));
            Files.copy(DATA.resolve(d).resolve("data_000000.txt"), dataOnly.resolve(d).resolve("data_000000.txt"));
        }
        s3.seed("replay", dataOnly);
        bucket = new S3Settings(s3.endpoint().toString(), EmbeddedS3.REGION, "replay", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        kafka.close();
    }

    static EmulatorConfig config(String emulatorId, EmulatorSource source, FormatRules formats, Pacing pacing, boolean loop,
                                 String runId, int controlPort) {
        return EmulatorConfig.of(kafka.bootstrapServers(), emulatorId, source, DaqFormat.COURSE, pacing, runId).withFormats(formats)
                .withRuns(new EmulatorConfig.Runs(runId, loop, false))
                .withControl(new EmulatorConfig.ControlEndpoint(EmulatorConfig.ControlEndpoint.DEFAULT_HOST, controlPort));
    }

    static EmulatorSource prefix(String prefix) {
        return new EmulatorSource.S3Prefix(bucket, prefix);
    }

    /** The lines of a data file as the emulator must send them: numbered from 1, header skipped, converted. */
    static List<String> expectedLines(Path file, DaqFormat format) throws Exception {
        List<String> out = new ArrayList<>();
        List<String> raw = Files.readAllLines(file);
        for (int i = 0; i < raw.size(); i++) {
            if (!(i == 0 && DaqFormat.isHeader(raw.get(i)))) {
                out.add((i + 1) + ":" + format.toCourseLine(raw.get(i)));
            }
        }
        return out;
    }

    @Test
    void replaysEveryObjectUnderThePrefixInKeyOrderWithPerPrefixFormats() throws Exception {
        FormatRules formats = FormatRules.parse("course", List.of("run000591/=firmware-2020"));
        long sent = new Emulator(config("prefix-all", prefix(""), formats, Pacing.max(), false, "all-objects", -1))
                .run(() -> false);

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "all-objects");
        List<String> expected = new ArrayList<>();
        expected.addAll(expectedLines(DATA.resolve("course-sample/data_000000.txt"), DaqFormat.COURSE));
        expected.addAll(expectedLines(DATA.resolve("run000591/data_000000.txt"), DaqFormat.FIRMWARE_2020));
        assertThat(sent).isEqualTo(74 + 159_616);
        assertThat(lines).hasSize(74 + 159_616);
        assertThat(lines.stream().map(l -> l.lineNumber() + ":" + l.text()).toList()).isEqualTo(expected);
        assertThat(lines.get(0).frame().source()).isEqualTo("s3://replay/course-sample/data_000000.txt");
        assertThat(lines.get(lines.size() - 1).frame().source()).isEqualTo("s3://replay/run000591/data_000000.txt");
        // Every converted Run000591 line parses as a hit with the processor's parser; the course sample keeps its ancillary words.
        long run591Hits = lines.stream().skip(74).filter(l -> parsesAsHit(l.text())).count();
        assertThat(run591Hits).isEqualTo(159_616);
        assertThat(lines.stream().limit(74).filter(l -> parsesAsHit(l.text())).count()).isEqualTo(38);
        // The run is anchored at the first hit of the run: the first course-sample hit's orbit.
        assertThat(lines.get(0).frame().run().startOrbit()).isEqualTo(3387200947L);
    }

    @Test
    void replaysExplicitKeysInTheGivenOrder() throws Exception {
        new Emulator(config("keys", new EmulatorSource.S3Keys(bucket, List.of("run000591/data_000000.txt", "course-sample/data_000000.txt")),
                FormatRules.parse("course", List.of("run000591/=firmware-2020")), Pacing.max(), false, "explicit-keys", -1)).run(() -> false);

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "explicit-keys");
        assertThat(lines).hasSize(159_616 + 74);
        assertThat(lines.get(0).frame().source()).endsWith("run000591/data_000000.txt");
        assertThat(lines.get(0).lineNumber()).isEqualTo(2);
        assertThat(lines.get(0).text()).isEqualTo("2,0,72,46758,279,18");
        assertThat(lines.get(159_616).frame().source()).endsWith("course-sample/data_000000.txt");
        assertThat(lines.get(159_616).text()).isEqualTo("1,1,0,3387315431,0,130");
    }

    /** The emulator sends packed frames: hits parsed once into packed form, a malformed line escaped with its bytes. */
    @Test
    void replaysLocalFilesInPackedFramesPassingMalformedLinesThroughUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mixed.txt");
        Files.writeString(file, "HEAD,FPGA,TDC_CHANNEL,ORBIT_CNT,BX_COUNTER,TDC_MEAS\n2,0,5,100,10,3\nnot a word\n2,1,128,100,12,0\n");
        new Emulator(config("local", new EmulatorSource.LocalFiles(List.of(file)), FormatRules.of(DaqFormat.COURSE), Pacing.max(), false, "local-file", -1))
                .run(() -> false);

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "local-file");
        assertThat(lines.stream().map(l -> l.lineNumber() + ":" + l.text()))
                .containsExactly("2:2,0,5,100,10,3", "3:not a word", "4:2,1,128,100,12,0");
        RawFrame frame = lines.get(0).frame();
        assertThat(frame.source()).isEqualTo(file.toString());
        assertThat(frame.encoding()).isEqualTo(RawFrame.Encoding.PACKED);
        List<String> words = new ArrayList<>();
        frame.forEachWord(new RawFrame.WordVisitor() {
            @Override
            public void hit(long packedHit, long lineNumber) {
                words.add(lineNumber + ":hit " + PackedHit.toHit(packedHit));
            }

            @Override
            public void line(byte[] buf, int from, int to, long lineNumber) {
                words.add(lineNumber + ":line " + new String(buf, from, to - from, StandardCharsets.US_ASCII));
            }
        });
        assertThat(words).containsExactly("2:hit " + new Hit(0, 5, 100, 10, 3), "3:line not a word", "4:hit " + new Hit(1, 128, 100, 12, 0));
        assertThat(frame.value()).hasSize(8 + (8 + 16) + 8);
    }

    @Test
    void syntheticSourceSendsExactlyTheGeneratedWords() throws Exception {
        SyntheticConfig synthetic = new SyntheticConfig(11, 5, 400, 50_000);
        EmulatorConfig config = EmulatorConfig.of(kafka.bootstrapServers(), "synthetic", new EmulatorSource.Synthetic(synthetic),
                DaqFormat.COURSE, Pacing.max(), "synthetic-run");
        assertThat(new Emulator(config).run(() -> false)).isEqualTo(50_000);

        SyntheticSource reference = new SyntheticSource(synthetic);
        List<String> expected = new ArrayList<>();
        for (String l = reference.nextLine(); l != null; l = reference.nextLine()) {
            expected.add(l);
        }
        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "synthetic-run");
        assertThat(lines.stream().map(RawHitsTopic.Line::text).toList()).isEqualTo(expected);
        assertThat(lines.get(0).frame().source()).isEqualTo("synthetic-seed-11");
        assertThat(lines.get(0).frame().run().startOrbit()).isEqualTo(expected.stream().filter(EmulatorReplayTest::parsesAsHit)
                .findFirst().map(l -> Long.parseLong(l.split(",")[3])).orElseThrow());
    }

    @Test
    void speedModeSpreadsTheWordsOverTheirDetectorTimeDividedByTheSpeed() throws Exception {
        // The course sample's hits span orbits 3387200947..3387201063: 116 orbits = 10.3 ms; at speed 0.01, 1.03 s.
        new Emulator(config("speed", prefix("course-sample/"), FormatRules.of(DaqFormat.COURSE), Pacing.speed(0.01),
                false, "slow-motion", -1)).run(() -> false);

        List<RawHitsTopic.Line> lines = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "slow-motion");
        assertThat(lines).hasSize(74);
        long first = lines.get(0).timestampMs();
        long last = lines.get(lines.size() - 1).timestampMs();
        // Frames go out at most 20 ms after their first line, so the spread is at least 1.03 s minus that.
        assertThat(last - first).isGreaterThanOrEqualTo(950);
    }

    @Test
    void loopModeSendsEachPassAsANewRunWithALaterStart() throws Exception {
        RunningEmulator running = RunningEmulator.start(config("loop", prefix("course-sample/"), FormatRules.of(DaqFormat.COURSE),
                Pacing.rate(2_000), true, "looping", -1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<RawHitsTopic.Line> pass3 = List.of();
        while (pass3.size() < 74 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            pass3 = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "looping-pass3");
        }
        running.stopAndWait();

        List<RawHitsTopic.Line> pass1 = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "looping-pass1");
        List<RawHitsTopic.Line> pass2 = RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "looping-pass2");
        assertThat(pass1).hasSize(74);
        assertThat(pass2).hasSize(74);
        assertThat(pass3).hasSize(74);
        assertThat(pass2.stream().map(RawHitsTopic.Line::text).toList()).isEqualTo(pass1.stream().map(RawHitsTopic.Line::text).toList());
        long start1 = pass1.get(0).frame().run().startEpochMs();
        long start2 = pass2.get(0).frame().run().startEpochMs();
        long start3 = pass3.get(0).frame().run().startEpochMs();
        // Each pass starts later; the pacing runs on across passes: 148 words at 2,000 words/s take at least 73.5 ms.
        assertThat(start1).isLessThan(start2);
        assertThat(start2).isLessThan(start3);
        assertThat(start3).isGreaterThanOrEqualTo(start1 + 73);
    }

    @Test
    void controlEndpointShowsStatusAndChangesTheRateWhileRunning() throws Exception {
        RunningEmulator running = RunningEmulator.start(config("control", prefix("run000591/"),
                FormatRules.of(DaqFormat.FIRMWARE_2020), Pacing.rate(200), false, "controlled", 0));
        HttpClient http = HttpClient.newHttpClient();
        awaitWordsSent(running, http, 1);
        String url = running.emulator().controlUrl();
        assertThat(get(http, url + "/rate")).isEqualTo("{\"mode\":\"rate\",\"words_per_s\":200.0,\"speed\":0.0}");

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(url + "/rate?words_per_s=-5"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("rate must be a positive number");

        HttpResponse<String> speed = http.send(HttpRequest.newBuilder(URI.create(url + "/rate?speed=2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(speed.body()).isEqualTo("{\"mode\":\"speed\",\"words_per_s\":0.0,\"speed\":2.0}");
        assertThat(get(http, url + "/rate")).isEqualTo(speed.body());

        HttpResponse<String> faster = http.send(HttpRequest.newBuilder(URI.create(url + "/rate?max"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(faster.statusCode()).isEqualTo(200);
        assertThat(faster.body()).isEqualTo("{\"mode\":\"max\",\"words_per_s\":0.0,\"speed\":0.0}");

        // At 200 words/s the file would take over 13 minutes; at max it ends well within the test's patience.
        assertThat(running.awaitEnd(300)).isEqualTo(159_616);
        assertThat(RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "controlled")).hasSize(159_616);
    }

    @Test
    void statusEndpointReportsWordsObjectAndLine() throws Exception {
        RunningEmulator running = RunningEmulator.start(config("status", prefix("course-sample/"),
                FormatRules.of(DaqFormat.COURSE), Pacing.rate(10), false, "status-run", 0));
        JsonNode status = awaitWordsSent(running, HttpClient.newHttpClient(), 5);
        long sent = running.stopAndWait();
        assertThat(status.get("run_id").asText()).isEqualTo("status-run");
        assertThat(status.get("object").asText()).isEqualTo("s3://replay/course-sample/data_000000.txt");
        assertThat(status.get("words_sent").asLong()).isBetween(5L, 73L);
        // A line is counted as sent when its transaction is committed, so the current line is at or past the words sent.
        assertThat(status.get("line").asLong()).isGreaterThanOrEqualTo(status.get("words_sent").asLong());
        assertThat(status.get("pacing").get("mode").asText()).isEqualTo("rate");
        assertThat(status.get("pacing").get("words_per_s").asDouble()).isEqualTo(10.0);
        assertThat(status.get("errors").asLong()).isZero();
        assertThat(RawHitsTopic.committedLinesOfRun(kafka.bootstrapServers(), "status-run")).hasSize((int) sent);
        assertThat(sent).isLessThan(74);
    }

    /** Polls GET /status until at least {@code words} were sent; returns that status. */
    private static JsonNode awaitWordsSent(RunningEmulator running, HttpClient http, long words) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode status = null;
        while ((status == null || status.get("words_sent").asLong() < words) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            String url = running.emulator().controlUrl();
            status = url == null ? null : Json.MAPPER.readTree(get(http, url + "/status"));
        }
        return status;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean parsesAsHit(String line) {
        try {
            DaqWord w = DaqWordParser.parse(line);
            return w.isHit();
        } catch (Exception e) {
            return false;
        }
    }
}
