package org.minidt.processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.TreeMap;
import org.minidt.common.Chamber;
import org.minidt.common.DaqWord;
import org.minidt.common.PackedHit;
import org.minidt.common.RunInfo;
import org.minidt.common.WindowSummary;

/**
 * The life of one run's windows, and the only place that decides when a window is complete (no Kafka here:
 * the processor hands in words and source markers, this class says what to emit). Rules (docs/processor.md,
 * "When a window closes"):
 *
 * <ul>
 *   <li><b>Stream time</b> = max(newest hit time, newest PROGRESS {@code sourceTicks}). A window closes when stream
 *       time reaches its end + grace + match reach ({@link #closeTicks}), or at once when the source says END_OF_RUN,
 *       or when nothing at all (frame or marker) came from the run for {@code sourceSilenceMs} of wall clock. A paused
 *       source keeps sending PROGRESS, so only a source that is gone is taken for silent.</li>
 *   <li><b>Revisions</b>: an emitted window keeps its hits until stream time passes its close + the revision horizon.
 *       A hit (or an accounted word, or a scintillator hit its hits may match) for it meanwhile reopens it; it closes
 *       again by the same rules and is emitted again with the next revision number, its products recomputed over
 *       all its hits. Only hits older than the horizon are late (counted, in no histogram).</li>
 *   <li>Lateness is judged against stream time at the start of the frame, so it depends on the input only, never
 *       on timing: replaying the same records gives the same windows (source-silence closes aside, which then are
 *       revised to the same final content).</li>
 * </ul>
 *
 * <p>Its state is a few hundred bytes per run plus the scintillator times of the retained windows, written to the
 * run store after every record ({@link #toBytes}); the hits themselves are in the {@link Host}'s store.
 */
final class WindowLifecycle {
    static final String CLOSED_BY_STREAM_TIME = WindowSummary.CLOSED_BY_STREAM_TIME;
    static final String CLOSED_BY_END_OF_RUN = WindowSummary.CLOSED_BY_END_OF_RUN;
    static final String CLOSED_BY_SOURCE_SILENCE = WindowSummary.CLOSED_BY_SOURCE_SILENCE;
    static final long NONE = Long.MIN_VALUE;
    /** First byte of the serialized state; bump when its layout changes. */
    private static final byte FORMAT = 2;

    /** What the lifecycle needs from the processor that hosts it. */
    interface Host {
        /** Stores hits of a window as its chunk number {@code chunk}. */
        void appendHits(String runId, long window, int chunk, long[] hits, int count);

        /** All hits of a window's chunks 0..chunks-1. */
        long[] readHits(String runId, long window, int chunks);

        /** Deletes a window's chunks 0..chunks-1. */
        void deleteHits(String runId, long window, int chunks);

        /** The wall clock, read fresh. */
        long wallClockMs();

        /** Sends a window message. */
        void emit(WindowSummary summary);
    }

    private final ProcessorConfig config;
    private final RunInfo run;
    private long streamTicks = NONE;
    /** Windows before this one are past close + horizon: their hits are late. Follows stream time ({@link #setStreamTicks}). */
    private long firstLiveIndex = Long.MIN_VALUE;
    /**
     * The window of the previous hit and its ticks [start, end): a frame's hits almost all fall in one window, so most
     * hits need no division to find theirs.
     */
    private long hitWindow;
    private long hitWindowStart = Long.MAX_VALUE;
    private long hitWindowEnd = Long.MIN_VALUE;
    private long lastInputWallMs;
    /** Open windows and emitted ones still within the revision horizon, by index. */
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private ScintillatorTimes scintillator = new ScintillatorTimes();
    /** Hits of the record being processed, stored as one chunk per window at its end. */
    private final FrameHits frameHits = new FrameHits();
    /** Newest hit time of the record being processed; stream time moves there at its end. */
    private long frameNewestTicks = NONE;

    private WindowLifecycle(ProcessorConfig config, RunInfo run) {
        this.config = config;
        this.run = run;
    }

    static WindowLifecycle start(ProcessorConfig config, RunInfo run, long nowMs) {
        WindowLifecycle l = new WindowLifecycle(config, run);
        l.lastInputWallMs = nowMs;
        return l;
    }

    RunInfo run() {
        return run;
    }

    // ---- words of a frame ----

    /** A hit ({@link PackedHit}) of the current frame; false when it is late (older than the revision horizon): counted, not kept. */
    boolean hit(long packedHit) {
        long ticks = PackedHit.ticks(packedHit);
        if (ticks < hitWindowStart || ticks >= hitWindowEnd) {
            hitWindow = windowIndexOf(ticks);
            hitWindowStart = windowStartTicks(hitWindow);
            hitWindowEnd = hitWindowStart + config.windowTicks();
        }
        long index = hitWindow;
        if (index < firstLiveIndex) {
            accountingWindow().lateWords++;
            return false;
        }
        frameHits.add(index, packedHit);
        if (Chamber.isScintillator(PackedHit.fpga(packedHit), PackedHit.channel(packedHit))) {
            scintillator.add(ticks);
            // Hits within match reach of it may take it as t0: emitted windows there get revised. A reach within the hit's
            // own window (almost always: it is ~1 us of a 1 s window) needs nothing, since this frame's flush opens that
            // window anyway.
            long reachFrom = ticks - config.matchAheadTicks();
            long reachTo = ticks + config.matchBehindTicks();
            if (reachFrom < hitWindowStart || reachTo >= hitWindowEnd) {
                reopenEmitted(windowIndexOf(reachFrom), windowIndexOf(reachTo));
            }
        }
        if (frameNewestTicks == NONE || ticks > frameNewestTicks) {
            frameNewestTicks = ticks;
        }
        return true;
    }

    /** A word that is not a hit (HEAD != 2), counted in the window of stream time. */
    void otherWord(int head) {
        accountingWindow().droppedByHead[head]++;
    }

    /** A line that is not a word, counted in the window of stream time. */
    void malformed() {
        accountingWindow().malformedWords++;
    }

    /**
     * End of a frame that arrived at {@code nowMs}: stores its hits, moves stream time, closes what is complete.
     *
     * @return the number of hits the frame stored
     */
    long endFrame(long nowMs, Host host) {
        long stored = frameHits.flush(this, host);
        advance(frameNewestTicks, nowMs, host);
        frameNewestTicks = NONE;
        return stored;
    }

    // ---- source markers and the wall clock ----

    /** A PROGRESS marker: every word up to {@code sourceTicks} has been sent. */
    void progress(long sourceTicks, long nowMs, Host host) {
        advance(sourceTicks, nowMs, host);
    }

    /** An END_OF_RUN marker: every open window is complete; the newest window is marked as the run's last. */
    void endOfRun(long sourceTicks, long nowMs, Host host) {
        advance(sourceTicks, nowMs, host);
        if (!windows.isEmpty()) {
            Window last = windows.lastEntry().getValue();
            if (!last.lastInRun) {
                last.lastInRun = true;
                last.open = true;
            }
        }
        closeOpen(Long.MAX_VALUE, CLOSED_BY_END_OF_RUN, nowMs, host);
    }

    /**
     * Closes every open window when nothing came from the run for the source-silence timeout, counted from its last
     * record or from {@code activeSinceMs} (the processor's start or its last stall), whichever is later.
     *
     * @return whether anything changed
     */
    boolean checkSilence(long nowMs, long activeSinceMs, Host host) {
        long silentSinceMs = quietSinceMs(activeSinceMs);
        if (nowMs - silentSinceMs < config.sourceSilenceMs() || !hasOpenWindow()) {
            return false;
        }
        closeOpen(Long.MAX_VALUE, CLOSED_BY_SOURCE_SILENCE, silentSinceMs + config.sourceSilenceMs(), host);
        return true;
    }

    /**
     * A run that said END_OF_RUN and then stayed quiet for the source-silence timeout is final: stream time moves past
     * its last window's close + revision horizon, so the hits kept for revisions are dropped and a word still arriving
     * for its windows counts as late. Without this an ended run held its last windows' hits until it was forgotten an
     * hour later: in a looping replay, tens of runs' worth of hits (the demo's heap grew ~10 MB a minute).
     *
     * @return whether anything changed
     */
    boolean settleEnded(long nowMs, long activeSinceMs, Host host) {
        if (windows.isEmpty() || !windows.lastEntry().getValue().lastInRun || hasOpenWindow()
                || nowMs - quietSinceMs(activeSinceMs) < config.sourceSilenceMs()) {
            return false;
        }
        setStreamTicks(Math.max(streamTicks, closeTicks(windows.lastKey()) + config.revisionHorizonTicks() + config.windowTicks()));
        forgetPastHorizon(host);
        return true;
    }

    /** Whether the run has nothing open and nothing came from it for {@code quietMs}: its state may be dropped. */
    boolean isIdle(long nowMs, long activeSinceMs, long quietMs) {
        return !hasOpenWindow() && nowMs - quietSinceMs(activeSinceMs) >= quietMs;
    }

    /** Since when the run counts as quiet: its last record, or {@code activeSinceMs} (the processor's start or last stall). */
    private long quietSinceMs(long activeSinceMs) {
        return Math.max(lastInputWallMs, activeSinceMs);
    }

    private boolean hasOpenWindow() {
        return windows.values().stream().anyMatch(w -> w.open);
    }

    /** Deletes the hits the run still keeps, before its state is dropped. */
    void forget(Host host) {
        windows.values().forEach(w -> host.deleteHits(run.runId(), w.index, w.hitChunks));
        windows.clear();
    }

    // ---- the rules ----

    private void advance(long ticks, long nowMs, Host host) {
        lastInputWallMs = nowMs;
        if (ticks != NONE && (streamTicks == NONE || ticks > streamTicks)) {
            setStreamTicks(ticks);
        }
        if (streamTicks != NONE) {
            closeOpen(streamTicks, CLOSED_BY_STREAM_TIME, nowMs, host);
            forgetPastHorizon(host);
        }
    }

    /**
     * Emits, in index order, every open window whose close time is at or before {@code ticks}.
     *
     * @param closableMs when (wall clock) the input allowed these windows to close
     */
    private void closeOpen(long ticks, String closedBy, long closableMs, Host host) {
        for (Window w : windows.values()) {
            if (w.open && closeTicks(w.index) <= ticks) {
                w.open = false;
                w.revision++;
                long[] hits = host.readHits(run.runId(), w.index, w.hitChunks);
                host.emit(WindowProducts.summarize(config, run, w, hits, scintillator, closedBy, closableMs, host.wallClockMs()));
            }
        }
    }

    /** Drops emitted windows whose close + horizon stream time has passed, and the scintillator times only they needed. */
    private void forgetPastHorizon(Host host) {
        while (!windows.isEmpty() && windows.firstKey() < firstLiveIndex && !windows.firstEntry().getValue().open) {
            Window w = windows.pollFirstEntry().getValue();
            host.deleteHits(run.runId(), w.index, w.hitChunks);
        }
        // Hits still to come are in live windows and look back at most matchBehind for their t0.
        scintillator.pruneBefore(windowStartTicks(firstLiveIndex) - config.matchBehindTicks());
    }

    /** Moves stream time, and with it the first window whose hits are not late (once here, not per hit). */
    private void setStreamTicks(long ticks) {
        streamTicks = ticks;
        firstLiveIndex = Math.floorDiv(streamTicks - run.startTicks() - config.closeAfterEndTicks() - config.revisionHorizonTicks(),
                config.windowTicks());
    }

    private void reopenEmitted(long fromIndex, long toIndex) {
        windows.subMap(fromIndex, true, toIndex, true).values().forEach(w -> w.open = true);
    }

    /** The window that counts words without a time of their own: the window of stream time (reopened if emitted). */
    private Window accountingWindow() {
        return window(streamTicks == NONE ? 0 : windowIndexOf(streamTicks));
    }

    /** The window of {@code index}, opened (or reopened, when it was emitted) for new content. */
    private Window window(long index) {
        Window w = windows.computeIfAbsent(index, Window::new);
        w.open = true;
        return w;
    }

    long closeTicks(long index) {
        return windowStartTicks(index + 1) + config.closeAfterEndTicks();
    }

    private long windowIndexOf(long ticks) {
        return Math.floorDiv(ticks - run.startTicks(), config.windowTicks());
    }

    private long windowStartTicks(long index) {
        return run.startTicks() + index * config.windowTicks();
    }

    /**
     * One window's state besides its hits: the words counted in it that are not kept (by HEAD, late, malformed), how
     * many chunks of hits it has in the store, how often it was emitted, whether it waits to be (re-)emitted.
     */
    static final class Window {
        final long index;
        final long[] droppedByHead = new long[DaqWord.MAX_HEAD + 1];
        long lateWords;
        long malformedWords;
        int hitChunks;
        /** -1 until first emitted, then 0, 1, ... */
        int revision = -1;
        boolean open = true;
        boolean lastInRun;

        Window(long index) {
            this.index = index;
        }

        /** Bytes {@link #writeTo} writes. */
        static final int BYTES = Long.BYTES * (3 + DaqWord.MAX_HEAD + 1) + 2 * Integer.BYTES + 2;

        private void writeTo(ByteBuffer out) {
            out.putLong(index);
            for (long v : droppedByHead) {
                out.putLong(v);
            }
            out.putLong(lateWords);
            out.putLong(malformedWords);
            out.putInt(hitChunks);
            out.putInt(revision);
            out.put((byte) (open ? 1 : 0));
            out.put((byte) (lastInRun ? 1 : 0));
        }

        private static Window readFrom(ByteBuffer in) {
            Window w = new Window(in.getLong());
            for (int i = 0; i < w.droppedByHead.length; i++) {
                w.droppedByHead[i] = in.getLong();
            }
            w.lateWords = in.getLong();
            w.malformedWords = in.getLong();
            w.hitChunks = in.getInt();
            w.revision = in.getInt();
            w.open = in.get() != 0;
            w.lastInRun = in.get() != 0;
            return w;
        }
    }

    // ---- serialization ----

    /**
     * The state as bytes, once per record: into one buffer of the exact size (DataOutputStream took ByteArrayOutputStream's
     * lock for every long). The run id is in DataOutput's modified UTF-8, as {@link #fromBytes} reads it.
     */
    byte[] toBytes() {
        byte[] runId = modifiedUtf8(run.runId());
        ByteBuffer out = ByteBuffer.allocate(1 + runId.length + 4 * Long.BYTES + Integer.BYTES + windows.size() * Window.BYTES
                + Integer.BYTES + scintillator.size() * Long.BYTES);
        out.put(FORMAT);
        out.put(runId);
        out.putLong(run.startEpochMs());
        out.putLong(run.startOrbit());
        out.putLong(streamTicks);
        out.putLong(lastInputWallMs);
        out.putInt(windows.size());
        for (Window w : windows.values()) {
            w.writeTo(out);
        }
        out.putInt(scintillator.size());
        scintillator.writeTo(out);
        return out.array();
    }

    private static byte[] modifiedUtf8(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 + s.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads what {@link #toBytes} wrote, once per record: through a ByteBuffer, since DataInputStream's reads each take
     * ByteArrayInputStream's lock (5 % of the stream thread in a profile); only the run id goes through readUTF.
     */
    static WindowLifecycle fromBytes(ProcessorConfig config, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("run state of format " + format + ", this processor reads " + FORMAT
                    + ": start it with a new --application-id (or reset the application) after this upgrade");
        }
        int runIdBytes = 2 + Short.toUnsignedInt(in.getShort(in.position()));
        String runId;
        try {
            runId = DataInputStream.readUTF(new DataInputStream(new ByteArrayInputStream(bytes, in.position(), runIdBytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.position(in.position() + runIdBytes);
        WindowLifecycle l = new WindowLifecycle(config, new RunInfo(runId, in.getLong(), in.getLong()));
        long streamTicks = in.getLong();
        if (streamTicks != NONE) {
            l.setStreamTicks(streamTicks);
        }
        l.lastInputWallMs = in.getLong();
        int n = in.getInt();
        for (int i = 0; i < n; i++) {
            Window w = Window.readFrom(in);
            l.windows.put(w.index, w);
        }
        long[] scint = new long[in.getInt()];
        in.asLongBuffer().get(scint);
        l.scintillator = ScintillatorTimes.of(scint);
        return l;
    }

    /**
     * The hits of the frame being processed, grouped by window, until they are stored as one chunk per window. A frame's
     * hits almost always fall in the window of the hit before, so that window's slot is remembered; window indexes are
     * kept unboxed. A window's first buffer holds a whole frame of hits, so it is not regrown while the frame fills it.
     */
    private static final class FrameHits {
        /** The emulator's largest frame (4,096 lines): a full frame's hits are never copied; a smaller one costs 32 KB of young garbage. */
        private static final int FIRST_BUFFER_HITS = 4096;

        private long[] windows = new long[4];
        private long[][] buffers = new long[4][];
        private int[] sizes = new int[4];
        private int count;
        private int lastSlot = -1;

        void add(long window, long packedHit) {
            int i = lastSlot >= 0 && windows[lastSlot] == window ? lastSlot : slotOf(window);
            lastSlot = i;
            if (sizes[i] == buffers[i].length) {
                buffers[i] = Arrays.copyOf(buffers[i], sizes[i] * 2);
            }
            buffers[i][sizes[i]++] = packedHit;
        }

        private int slotOf(long window) {
            for (int i = 0; i < count; i++) {
                if (windows[i] == window) {
                    return i;
                }
            }
            if (count == windows.length) {
                windows = Arrays.copyOf(windows, count * 2);
                buffers = Arrays.copyOf(buffers, count * 2);
                sizes = Arrays.copyOf(sizes, count * 2);
            }
            windows[count] = window;
            buffers[count] = new long[FIRST_BUFFER_HITS];
            sizes[count] = 0;
            return count++;
        }

        /** Stores one chunk per window touched (opening or reopening it) and clears; returns the number of hits stored. */
        long flush(WindowLifecycle l, Host host) {
            long total = 0;
            for (int i = 0; i < count; i++) {
                Window w = l.window(windows[i]);
                host.appendHits(l.run.runId(), w.index, w.hitChunks++, buffers[i], sizes[i]);
                total += sizes[i];
                buffers[i] = null;
            }
            count = 0;
            lastSlot = -1;
            return total;
        }
    }
}
