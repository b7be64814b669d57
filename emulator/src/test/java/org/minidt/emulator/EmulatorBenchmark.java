package org.minidt.emulator;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.minidt.common.TopicSetup;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqWord;
import org.minidt.common.DaqWordParser;
import org.minidt.common.MalformedWordException;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.S3Settings;
import org.minidt.common.Topics;
import org.minidt.embedded.EmbeddedKafka;
import org.minidt.embedded.EmbeddedS3;

/**
 * The emulator's benchmark (a documented command, not a test): see docs/emulator.md, "Benchmark".
 * Against an in-process broker it measures
 * <ol>
 *   <li>the record encodings of minidt.raw-hits: (a) one text line per record, (b) frames of text lines (RawFrame),
 *       (c) frames of compact binary words: words/s produced, bytes on the wire, and the consumer's decode cost;</li>
 *   <li>the whole emulator in --max mode (read + convert + encode + produce, transactions included) from a local
 *       file, an S3 object and the synthetic source;</li>
 *   <li>rate accuracy: requested vs achieved words/s over 30 s at 1,000 and 100,000 words/s.</li>
 * </ol>
 * Arguments: [words for the max runs, default 3,000,000] [seconds per rate run, default 30].
 */
public final class EmulatorBenchmark {
    private static final Path RUN591 = Path.of("data", "run000591", "data_000000.txt");
    private static final long ENCODING_WORDS = 1_000_000;
    /** Keeps the JIT from discarding the binary decoding as unused. */
    static volatile long sink;

    private EmulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long maxWords = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        int rateSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path run591 = Files.exists(RUN591) ? RUN591 : Path.of("..").resolve(RUN591);
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); EmbeddedS3 s3 = EmbeddedS3.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            List<String> lines = repeatedRun591(run591, maxWords);
            encodings(kafka.bootstrapServers(), lines.subList(0, (int) Math.min(lines.size(), ENCODING_WORDS)));

            Path big = Files.createTempFile("bench-run591-", ".txt");
            try (BufferedWriter w = Files.newBufferedWriter(big)) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                }
            }
            Path bucketDir = Files.createTempDirectory("bench-bucket-");
            Files.copy(big, bucketDir.resolve("big.txt"));
            s3.seed("bench", bucketDir);
            S3Settings bucket = new S3Settings(s3.endpoint().toString(), EmbeddedS3.REGION, "bench", EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY);

            System.out.println();
            System.out.println("emulator --max (read + convert + frame + transactional produce):");
            maxRun("local file", config(kafka, new EmulatorSource.LocalFiles(List.of(big)), Pacing.max(), "bench-local"));
            maxRun("S3 object", config(kafka, new EmulatorSource.S3Prefix(bucket, ""), Pacing.max(), "bench-s3"));
            maxRun("synthetic", config(kafka, new EmulatorSource.Synthetic(new SyntheticConfig(1, 5, 400, maxWords)), Pacing.max(), "bench-synthetic"));

            System.out.println();
            System.out.println("rate accuracy (synthetic source, " + rateSeconds + " s after a 3 s warm-up):");
            for (double rate : new double[] {1_000, 100_000}) {
                rateRun(config(kafka, new EmulatorSource.Synthetic(new SyntheticConfig(2, 5, 400, 0)), Pacing.rate(rate), "bench-rate-" + (long) rate),
                        rate, rateSeconds);
            }
            Files.delete(big);
        }
        System.exit(0);
    }

    private static EmulatorConfig config(EmbeddedKafka kafka, EmulatorSource source, Pacing pacing, String id) {
        return EmulatorConfig.of(kafka.bootstrapServers(), id, source, DaqFormat.FIRMWARE_2020, pacing, id)
                .withRuns(new EmulatorConfig.Runs(id, false, true));
    }

    /** Run000591 (firmware-2020, header dropped) repeated up to {@code words} lines. */
    private static List<String> repeatedRun591(Path file, long words) throws IOException {
        List<String> one = Files.readAllLines(file).stream().skip(1).toList();
        List<String> out = new ArrayList<>();
        while (out.size() < words) {
            out.addAll(one.subList(0, (int) Math.min(one.size(), words - out.size())));
        }
        return out;
    }

    /** Runs to the end; reports words/s from the first word sent to the end (setup excluded) and with setup. */
    private static void maxRun(String what, EmulatorConfig config) throws Exception {
        long t0 = System.nanoTime();
        RunningEmulator running = RunningEmulator.start(config);
        long firstWord = 0;
        while (!running.done().isDone()) {
            if (firstWord == 0 && running.emulator().wordsSent() > 0) {
                firstWord = System.nanoTime();
            }
            Thread.sleep(1);
        }
        long words = running.awaitEnd(0);
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %-11s %,12d words: %,11.0f words/s from first word to last commit (%,11.0f with setup, %.2f s)%n",
                what, words, words / ((end - firstWord) / 1e9), words / ((end - t0) / 1e9), (end - t0) / 1e9);
    }

    private static void rateRun(EmulatorConfig config, double requested, int seconds) throws Exception {
        RunningEmulator running = RunningEmulator.start(config);
        Emulator emulator = running.emulator();
        while (emulator.wordsSent() == 0) {
            Thread.sleep(10);
        }
        Thread.sleep(3_000);
        long w0 = emulator.wordsSent();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long w1 = emulator.wordsSent();
        double s = (System.nanoTime() - t0) / 1e9;
        running.stopAndWait();
        double achieved = (w1 - w0) / s;
        System.out.printf(Locale.ROOT, "  requested %,9.0f words/s: achieved %,11.1f words/s over %.1f s (%+.2f %%)%n",
                requested, achieved, s, 100 * (achieved - requested) / requested);
    }

    // ---- encodings ----

    private static void encodings(String bootstrapServers, List<String> firmwareLines) throws Exception {
        List<String> lines = firmwareLines.stream().map(DaqFormat.FIRMWARE_2020::toCourseLine).toList();
        RunInfo run = new RunInfo("bench-encoding", System.currentTimeMillis(), 46758);
        System.out.println("record encodings of minidt.raw-hits (" + String.format(Locale.ROOT, "%,d", lines.size())
                + " Run000591 words, idempotent producer, lz4, linger 5 ms, batch 512 KiB, to the in-process broker):");
        System.out.println("  encoding                      words/s   value B/word  wire B/word   decode words/s (consumer, 1 thread)");
        // Two rounds, so that every encoding is measured with a warm JIT; the second round is the figure to quote.
        for (int round = 1; round <= 2; round++) {
            System.out.println("  round " + round);
            encoding(bootstrapServers, "(a) one text line per record", lines, 1, run, EmulatorBenchmark::textFrame, EmulatorBenchmark::decodeText);
            encoding(bootstrapServers, "(b) text frames of 4096 lines", lines, FrameProducer.MAX_FRAME_LINES, run, EmulatorBenchmark::textFrame, EmulatorBenchmark::decodeText);
            encoding(bootstrapServers, "(c) binary frames of 4096", lines, FrameProducer.MAX_FRAME_LINES, run, EmulatorBenchmark::binaryFrame, EmulatorBenchmark::decodeBinary);
        }
    }

    private static void encoding(String bootstrapServers, String name, List<String> lines, int perRecord, RunInfo run,
                                 Function<List<String>, byte[]> encode, Function<byte[], Long> decode) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(128 << 20));
        List<byte[]> values = new ArrayList<>();
        long valueBytes = 0;
        double outgoing;
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < lines.size(); i += perRecord) {
                byte[] value = encode.apply(lines.subList(i, Math.min(lines.size(), i + perRecord)));
                valueBytes += value.length;
                values.add(value);
                ProducerRecord<byte[], byte[]> r = new RawFrame(run, "bench", i + 1, value).toProducerRecord(Topics.RAW_HITS.name(),
                        System.currentTimeMillis());
                producer.send(r);
            }
            producer.flush();
            outgoing = producer.metrics().entrySet().stream().filter(e -> e.getKey().name().equals("outgoing-byte-total")
                    && e.getKey().group().equals("producer-metrics")).mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        long d0 = System.nanoTime();
        long decoded = 0;
        for (byte[] v : values) {
            decoded += decode.apply(v);
        }
        double ds = (System.nanoTime() - d0) / 1e9;
        System.out.printf(Locale.ROOT, "  %-29s %,10.0f  %8.1f  %10.1f   %,12.0f%n", name, lines.size() / s, (double) valueBytes / lines.size(),
                outgoing / lines.size(), decoded / ds);
    }

    private static byte[] textFrame(List<String> lines) {
        RawFrame.Builder b = new RawFrame.Builder();
        lines.forEach(b::add);
        return b.build(new RunInfo("x", 0, 0), "x", 1).value();
    }

    /** The processor's decoding: split lines, parse each with DaqWordParser; returns the words parsed. */
    private static long decodeText(byte[] value) {
        long[] n = {0};
        new RawFrame(new RunInfo("x", 0, 0), "x", 1, value).forEachLine((buf, from, to, line) -> {
            try {
                DaqWord w = DaqWordParser.parse(buf, from, to);
                sink += w.orbit();
                n[0]++;
            } catch (MalformedWordException e) {
                throw new IllegalStateException(e);
            }
        });
        return n[0];
    }

    /**
     * Compact binary word: HEAD (1 byte), FPGA (1), TDC_CHANNEL (2), ORBIT_CNT (4, unsigned), BX_COUNTER (4), then
     * TDC_MEAS as 1 byte on hits or an 8-byte double on ancillary words: 13 bytes per hit. The emulator must parse
     * to write it (and a malformed line would need an escape, not modelled here).
     */
    private static byte[] binaryFrame(List<String> lines) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(lines.size() * 13);
        DataOutputStream out = new DataOutputStream(buf);
        try {
            for (String l : lines) {
                DaqWord w = DaqWordParser.parse(l);
                out.writeByte(w.head());
                out.writeByte(w.fpga());
                out.writeShort(w.tdcChannel());
                out.writeInt((int) w.orbit());
                out.writeInt(w.bx());
                if (w.isHit()) {
                    out.writeByte((int) w.tdcMeas());
                } else {
                    out.writeDouble(w.tdcMeas());
                }
            }
        } catch (IOException | MalformedWordException e) {
            throw new IllegalStateException(e);
        }
        return buf.toByteArray();
    }

    private static long decodeBinary(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        long n = 0;
        long checksum = 0;
        while (b.hasRemaining()) {
            int head = b.get();
            int fpga = b.get();
            int channel = b.getShort() & 0xFFFF;
            long orbit = b.getInt() & 0xFFFF_FFFFL;
            int bx = b.getInt();
            double meas = head == DaqWord.HIT_HEAD ? b.get() : b.getDouble();
            checksum += head + fpga + channel + orbit + bx + (long) meas;
            n++;
        }
        sink += checksum;
        return n;
    }
}
