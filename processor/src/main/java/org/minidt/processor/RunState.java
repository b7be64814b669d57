package org.minidt.processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.minidt.common.RunInfo;

/**
 * The processor's small state of one run, kept in a changelogged store so a restart resumes exactly: the
 * newest hit time seen (stream time), when input last arrived, the last window emitted, the counts of the
 * open windows and the recent scintillator times. The hits themselves live in {@link HitChunks}, so this
 * stays a few hundred bytes and is cheap to write on every frame.
 */
final class RunState {
    static final long NONE = Long.MIN_VALUE;

    final RunInfo run;
    long streamTicks = NONE;
    long lastInputWallMs;
    long lastClosedIndex = NONE;
    final TreeMap<Long, WindowCounts> open = new TreeMap<>();
    ScintillatorTimes scintillator = new ScintillatorTimes();

    RunState(RunInfo run) {
        this.run = run;
    }

    long windowIndexOf(long ticks, long windowTicks) {
        return Math.floorDiv(ticks - run.startTicks(), windowTicks);
    }

    long windowStartTicks(long index, long windowTicks) {
        return run.startTicks() + index * windowTicks;
    }

    boolean isClosed(long index) {
        return lastClosedIndex != NONE && index <= lastClosedIndex;
    }

    /** The window that counts words without a time of their own: the newest open one. */
    WindowCounts accountingWindow(long windowTicks) {
        long index = streamTicks == NONE ? 0 : windowIndexOf(streamTicks, windowTicks);
        if (isClosed(index)) {
            index = lastClosedIndex + 1;
        }
        return window(index);
    }

    WindowCounts window(long index) {
        return open.computeIfAbsent(index, WindowCounts::new);
    }

    static Serde<RunState> serde() {
        return Serdes.serdeFrom((topic, state) -> state == null ? null : state.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    private byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + open.size() * 80);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(run.runId());
            out.writeLong(run.startEpochMs());
            out.writeLong(run.startOrbit());
            out.writeLong(streamTicks);
            out.writeLong(lastInputWallMs);
            out.writeLong(lastClosedIndex);
            out.writeInt(open.size());
            for (WindowCounts w : open.values()) {
                w.writeTo(out);
            }
            long[] scint = scintillator.toArray();
            out.writeInt(scint.length);
            for (long t : scint) {
                out.writeLong(t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static RunState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            RunState s = new RunState(new RunInfo(in.readUTF(), in.readLong(), in.readLong()));
            s.streamTicks = in.readLong();
            s.lastInputWallMs = in.readLong();
            s.lastClosedIndex = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                WindowCounts w = WindowCounts.readFrom(in);
                s.open.put(w.index, w);
            }
            long[] scint = new long[in.readInt()];
            for (int i = 0; i < scint.length; i++) {
                scint[i] = in.readLong();
            }
            s.scintillator = ScintillatorTimes.of(scint);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
