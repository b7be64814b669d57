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
import org.minidt.common.DaqTime;
import org.minidt.common.RunInfo;

/**
 * The processor's state of one run, kept in a changelogged store so a restart resumes exactly: the newest
 * hit time seen (stream time), when input last arrived, the last window emitted, and the open windows.
 */
final class RunState {
    static final long NONE = Long.MIN_VALUE;

    final RunInfo run;
    long streamTicks = NONE;
    long lastInputWallMs;
    long lastClosedIndex = NONE;
    final TreeMap<Long, WindowAccumulator> open = new TreeMap<>();

    RunState(RunInfo run) {
        this.run = run;
    }

    long windowIndexOf(long ticks, long windowTicks) {
        return Math.floorDiv(ticks - run.startTicks(), windowTicks);
    }

    long windowEndTicks(long index, long windowTicks) {
        return run.startTicks() + (index + 1) * windowTicks;
    }

    /** The window that counts words without a time of their own: the newest open one. */
    WindowAccumulator accountingWindow(long windowTicks) {
        long index = streamTicks == NONE ? 0 : windowIndexOf(streamTicks, windowTicks);
        if (lastClosedIndex != NONE && index <= lastClosedIndex) {
            index = lastClosedIndex + 1;
        }
        return window(index);
    }

    WindowAccumulator window(long index) {
        return open.computeIfAbsent(index, WindowAccumulator::new);
    }

    static Serde<RunState> serde() {
        return Serdes.serdeFrom((topic, state) -> state == null ? null : state.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    private byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 + open.size() * 2500);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(run.runId());
            out.writeLong(run.startEpochMs());
            out.writeLong(run.startOrbit());
            out.writeLong(streamTicks);
            out.writeLong(lastInputWallMs);
            out.writeLong(lastClosedIndex);
            out.writeInt(open.size());
            for (WindowAccumulator w : open.values()) {
                w.writeTo(out);
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
                WindowAccumulator w = WindowAccumulator.readFrom(in);
                s.open.put(w.index, w);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long ticksOfMs(long ms) {
        return ms * DaqTime.TICKS_PER_MS;
    }
}
