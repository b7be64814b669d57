package org.minidt.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.minidt.common.DaqFormat;
import org.minidt.common.DaqTime;
import org.minidt.common.RawFrame;
import org.minidt.common.RunInfo;
import org.minidt.common.SourceMarker;
import org.minidt.common.TopicSetup;
import org.minidt.common.Topics;
import org.minidt.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput and heap of the processor (not a test). Pre-loads the in-process broker with Run000591 replayed
 * as many runs (packed frames of 4096 lines, as the emulator sends at full speed; {@code -Dbench.encoding=text}
 * for text frames), then starts the processor service
 * in its own JVM with {@link #SERVICE_HEAP} and follows its one-line metrics summaries until every window is out.
 *
 * <p>Run with {@code processor/bench.sh [runs] [stream threads]} (see docs/processor.md).
 */
public final class ProcessorBenchmark {
    private static final Logger log = LoggerFactory.getLogger(ProcessorBenchmark.class);
    private static final Pattern METRICS = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*metrics: hits (\\d+) .*emit delay max (\\d+) ms.*heap used (\\d+) MB, cpu ([0-9.]+) s");
    private static final int FRAME_LINES = 4096;
    /**
     * 1,536 runs: the processor's JIT compilers are done before the steady span (50-90 %) starts, as the kernel is timed
     * after its own warm-up; with 768 runs they still took 0.2-0.35 cores there (docs/processor.md, "Benchmark").
     */
    private static final int DEFAULT_RUNS = 1536;
    /**
     * The processor keeps an ended run's hits for the 30 s source-silence timeout (revisions): passing 1,536 runs in under
     * a minute, it holds a thousand runs at once, which no replay at the detector's pace does. 1 GB holds them without
     * the GC working through them over and over.
     */
    private static final String SERVICE_HEAP = "-Xmx1g";
    private static final String WINDOW_INDEX = "\"window\":{\"index\":";
    /** Packed frames, as the emulator sends; {@code -Dbench.encoding=text} loads text frames, to compare in one build. */
    private static final RawFrame.Encoding ENCODING = RawFrame.Encoding.valueOf(System.getProperty("bench.encoding", "packed").toUpperCase());

    /** One metrics line of the processor: cpuS is its JVM's CPU time so far. */
    private record Sample(LocalTime at, long hits, long emitDelayMaxMs, long heapMb, double cpuS) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<String> lines = DaqFiles.courseLines(DaqFiles.RUN_591, DaqFormat.FIRMWARE_2020);
        // The kernel first, alone on the machine: the processor's rate is reported as a fraction of it.
        // The kernel alone on the machine, before and after the processor: this machine's speed drifts by up to a third
        // from minute to minute, so the ratio takes the faster of the two (the stricter ratio).
        ParseKernel kernel = new ParseKernel(lines);
        double kernelBeforeWordsPerS = kernel.wordsPerSecond(5, 20);
        log.info("kernel (plain parse-and-histogram loop, one thread): {} words/s", String.format("%.0f", kernelBeforeWordsPerS));
        Path work = Files.createTempDirectory("minidt-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            TopicSetup.ensureTopics(kafka.bootstrapServers());
            long expectedWindows = load(kafka.bootstrapServers(), lines, runs);
            long expectedHits = (long) lines.size() * runs;
            log.info("loaded {} runs, {} words, {} windows expected", runs, expectedHits, expectedWindows);

            Path processorLog = work.resolve("processor.log");
            long startedNanos = System.nanoTime();
            List<String> jvm = new ArrayList<>(List.of(SERVICE_HEAP, "-Xlog:gc:file=" + work.resolve("gc.log")));
            String extraJvm = System.getProperty("bench.jvm", "").strip();
            if (!extraJvm.isEmpty()) {
                jvm.addAll(List.of(extraJvm.split("\\s+")));
            }
            if (Boolean.getBoolean("bench.profile")) {
                jvm.add("-XX:StartFlightRecording=filename=" + work.resolve("processor.jfr") + ",settings=profile");
            }
            try (ProcessorProcess processor = ProcessorProcess.start(jvm,
                    List.of("--bootstrap-servers", kafka.bootstrapServers(), "--application-id", "bench",
                            "--state-dir", work.resolve("state").toString(), "--threads", Integer.toString(threads),
                            "--metrics-log-interval-ms", "500"),
                    processorLog);
                 JitClock jit = JitClock.follow(processor.pid())) {
                long windows = awaitWindows(kafka.bootstrapServers(), expectedWindows, processor);
                double wallS = (System.nanoTime() - startedNanos) / 1e9;
                Thread.sleep(1500);
                List<Sample> samples = samples(processor.output());
                processor.close();
                double kernelAfterWordsPerS = kernel.wordsPerSecond(5, 20);
                log.info("kernel again, after the processor: {} words/s", String.format("%.0f", kernelAfterWordsPerS));
                report(samples, jit, expectedHits, windows, wallS, runs, threads, work, Math.max(kernelBeforeWordsPerS, kernelAfterWordsPerS));
            }
        }
    }

    /**
     * Loads the runs, each ended by END_OF_RUN as the emulator ends one (so the processor can make an ended run final and
     * drop the hits it keeps for revisions); returns the number of windows they make (distinct 1 s windows with words, per run).
     */
    private static long load(String bootstrap, List<String> lines, int runs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        long[] wordTicks = lines.stream().map(l -> l.split(",")).mapToLong(f ->
                DaqTime.ticks(Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]))).toArray();
        long newestTicks = Arrays.stream(wordTicks).max().orElseThrow();
        // Every run replays the same lines: the same start, the same windows.
        long startTicks = DaqFiles.run("bench", lines, 0).startTicks();
        // The service runs with its default window.
        long windowTicks = ProcessorConfig.DEFAULT_WINDOW_MS * DaqTime.TICKS_PER_MS;
        long windowsPerRun = Arrays.stream(wordTicks).map(t -> Math.floorDiv(t - startTicks, windowTicks)).distinct().count();
        String source = "run000591/data_000000.txt";
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int r = 0; r < runs; r++) {
                RunInfo run = DaqFiles.run(String.format("bench-%03d", r), lines, System.currentTimeMillis());
                for (RawFrame frame : DaqFiles.frames(run, source, lines, FRAME_LINES, ENCODING)) {
                    producer.send(frame.toProducerRecord(Topics.RAW_HITS.name(), run.startEpochMs()));
                }
                producer.send(new SourceMarker(run, source, SourceMarker.Kind.END_OF_RUN, newestTicks).toProducerRecord(run.startEpochMs()));
            }
            producer.flush();
        }
        return windowsPerRun * runs;
    }

    private static long awaitWindows(String bootstrap, long expected, ProcessorProcess processor) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> seen = new HashSet<>();
        long duplicates = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            while (seen.size() < expected) {
                if (!processor.isAlive()) {
                    throw new IllegalStateException("processor exited:\n" + processor.output());
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    String window = r.key() + "/" + windowIndex(r.value());
                    if (!seen.add(window)) {
                        duplicates++;
                    }
                }
            }
        }
        log.info("all {} windows read ({} duplicates)", seen.size(), duplicates);
        return seen.size();
    }

    /**
     * The window index of a window message, read without parsing the message: the reader shares the machine with the
     * processor, and parsing ~10 KB of JSON per window took a tenth of a core from it. The first "index" field is the
     * window's (schema: run, window {index, ...}).
     */
    private static long windowIndex(String json) {
        int at = json.indexOf(WINDOW_INDEX);
        if (at < 0) {
            throw new IllegalStateException("not a window message: " + json.substring(0, Math.min(200, json.length())));
        }
        int from = at + WINDOW_INDEX.length();
        int to = from;
        while (to < json.length() && Character.isDigit(json.charAt(to))) {
            to++;
        }
        return Long.parseLong(json.substring(from, to));
    }

    private static List<Sample> samples(String output) {
        List<Sample> samples = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = METRICS.matcher(line);
            if (m.find()) {
                samples.add(new Sample(LocalTime.parse(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Double.parseDouble(m.group(5))));
            }
        }
        return samples;
    }

    /**
     * Sustained rate: between the samples that first pass 10% and 90% of all hits (start-up and the tail excluded, but
     * most of the JIT warm-up of the fresh JVM included: in a run of 192 runs the rate climbs for about 12 s).
     * Steady rate: between the samples that first pass 50% and 90% (after the warm-up; the kernel is also measured
     * warm, best of 5 passes, so kernel/steady compares like with like). Overall rate: from the last sample before
     * processing started to the first after it ended.
     */
    private static void report(List<Sample> samples, JitClock jit, long expectedHits, long windows, double wallS, int runs, int threads, Path work,
                               double kernelWordsPerS) throws Exception {
        Sample start = samples.stream().filter(s -> s.hits == 0).reduce((a, b) -> b).orElse(samples.get(0));
        Sample end = samples.stream().filter(s -> s.hits >= expectedHits).findFirst().orElse(samples.get(samples.size() - 1));
        double overallS = Duration.between(start.at, end.at).toMillis() / 1000.0;
        double sustained = Span.of(samples, expectedHits / 10, expectedHits * 9 / 10).hitsPerS();
        Span steadySpan = Span.of(samples, expectedHits / 2, expectedHits * 9 / 10);
        double steady = steadySpan.hitsPerS();
        double cpuNsPerHit = steadySpan.cpuNsPerHit();
        double jitNsPerHit = steadySpan.nsPerHit(jit.secondsAt(steadySpan.to.at) - jit.secondsAt(steadySpan.from.at));
        // The kernel runs one thread flat out: its CPU time per word is its wall time per word.
        double kernelNsPerWord = 1e9 / kernelWordsPerS;
        long maxHeap = samples.stream().mapToLong(Sample::heapMb).max().orElse(-1);
        long maxDelay = samples.stream().mapToLong(Sample::emitDelayMaxMs).max().orElse(-1);
        long gcPeak = gcPeakMb(Files.readString(work.resolve("gc.log")));
        log.info("work directory (processor log, gc log, profile): {}", work);
        log.info("RESULT runs={} threads={} encoding={} hits={} windows={} sustained(10%..90%)={} hits/s steady(50%..90%)={} hits/s "
                        + "overall={} hits/s ({}s) kernel={} words/s kernel/sustained={} kernel/steady={} heapSampledMax={}MB "
                        + "heapPeakBeforeGc={}MB emitDelayMax={}ms wallFromStart={}s processorCpu(50%..90%)={}ns/hit "
                        + "kernelCpu={}ns/word cpuRatio={} jitCompilers(50%..90%)={}ns/hit cpuRatioWithoutJit={}",
                runs, threads, ENCODING.name().toLowerCase(), end.hits, windows, String.format("%.0f", sustained), String.format("%.0f", steady),
                String.format("%.0f", end.hits / overallS), String.format("%.1f", overallS), String.format("%.0f", kernelWordsPerS),
                String.format("%.2f", kernelWordsPerS / sustained), String.format("%.2f", kernelWordsPerS / steady), maxHeap, gcPeak,
                maxDelay, String.format("%.1f", wallS), String.format("%.1f", cpuNsPerHit), String.format("%.1f", kernelNsPerWord),
                String.format("%.2f", cpuNsPerHit / kernelNsPerWord), String.format("%.1f", jitNsPerHit),
                String.format("%.2f", (cpuNsPerHit - jitNsPerHit) / kernelNsPerWord));
    }

    /** From the sample that first reaches {@code fromHits} to the one that first reaches {@code toHits}. */
    private record Span(Sample from, Sample to) {
        static Span of(List<Sample> samples, long fromHits, long toHits) {
            return new Span(samples.stream().filter(s -> s.hits >= fromHits).findFirst().orElseThrow(),
                    samples.stream().filter(s -> s.hits >= toHits).findFirst().orElseThrow());
        }

        double hitsPerS() {
            return (to.hits - from.hits) / (Duration.between(from.at, to.at).toMillis() / 1000.0);
        }

        /**
         * CPU time of the processor's JVM per hit (every thread: stream thread, producer I/O, GC, JIT): what the processor
         * costs whatever else shares the machine (here the broker, on the same two cores, which hitsPerS also pays for).
         */
        double cpuNsPerHit() {
            return nsPerHit(to.cpuS - from.cpuS);
        }

        double nsPerHit(double cpuSeconds) {
            return cpuSeconds * 1e9 / (to.hits - from.hits);
        }
    }

    /**
     * CPU time of the processor JVM's JIT compiler threads (C1, C2), sampled from {@code /proc} every 100 ms (Linux; NaN
     * elsewhere). The kernel is timed after its warm-up, so its compilation is not in its figure; a fresh processor JVM is
     * still compiling Kafka's code well into the measured span (0.2-0.35 cores there in a 768-run benchmark, about 0.05 in a
     * run long enough to finish). The ratio without it compares like with like: a service compiles once per start.
     */
    private static final class JitClock implements AutoCloseable {
        private static final long CLOCK_TICKS_PER_S = 100;
        private final List<LocalTime> times = new ArrayList<>();
        private final List<Double> seconds = new ArrayList<>();
        private final Thread sampler;

        private JitClock(long pid) {
            this.sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    double s = compilerSeconds(pid);
                    synchronized (this) {
                        times.add(LocalTime.now());
                        seconds.add(s);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "jit-clock");
            sampler.setDaemon(true);
        }

        static JitClock follow(long pid) {
            JitClock clock = new JitClock(pid);
            clock.sampler.start();
            return clock;
        }

        /** Compiler CPU seconds at {@code t}, interpolated between the samples around it. */
        synchronized double secondsAt(LocalTime t) {
            for (int i = 1; i < times.size(); i++) {
                if (!times.get(i).isBefore(t)) {
                    double span = Duration.between(times.get(i - 1), times.get(i)).toNanos();
                    double into = Duration.between(times.get(i - 1), t).toNanos();
                    return seconds.get(i - 1) + (seconds.get(i) - seconds.get(i - 1)) * Math.max(0, into) / span;
                }
            }
            return Double.NaN;
        }

        /** utime + stime of the threads named "C1 CompilerThre…" or "C2 CompilerThre…" (clock ticks of 10 ms). */
        private static double compilerSeconds(long pid) {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        if (Files.readString(task.resolve("comm")).matches("C[12] Compiler.*\\s*")) {
                            String stat = Files.readString(task.resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException e) {
                        // a compiler thread that just ended (the JVM stops idle ones): its time is gone with it, so the
                        // compilers' share can only be undercounted, which makes the ratio without them stricter
                    }
                }
            } catch (IOException e) {
                return Double.NaN;
            }
            return (double) ticks / CLOCK_TICKS_PER_S;
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }

    /** Largest heap occupancy before a collection in a -Xlog:gc log ("123M->45M(512M)"). */
    private static long gcPeakMb(String gcLog) {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(gcLog);
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }
}
