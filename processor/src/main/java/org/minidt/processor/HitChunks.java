package org.minidt.processor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.minidt.common.PackedHit;

/**
 * The hits of the open windows, stored append-only: each frame adds one chunk (its packed hits, see
 * {@link PackedHit}) per window it touches, under key (run, window, chunk number). Writing a frame costs
 * what the frame holds, not what the window holds, which keeps 500k hits/s affordable; the window's chunks
 * are read back whenever it is emitted (first time or revised) and deleted once it is past the revision horizon.
 */
final class HitChunks {
    private final KeyValueStore<Bytes, byte[]> store;

    HitChunks(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void append(String runId, long window, int chunk, long[] hits, int count) {
        ByteBuffer value = ByteBuffer.allocate(count * Long.BYTES);
        value.asLongBuffer().put(hits, 0, count);
        store.put(key(runId, window, chunk), value.array());
    }

    /** All hits of a window's chunks 0..chunks-1, in chunk order. */
    long[] read(String runId, long window, int chunks) {
        byte[][] values = new byte[chunks][];
        int total = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            values[chunk] = store.get(key(runId, window, chunk));
            if (values[chunk] == null) {
                throw new IllegalStateException("hit chunk " + chunk + " of window " + window + " of run " + runId + " is missing");
            }
            total += values[chunk].length / Long.BYTES;
        }
        long[] hits = new long[total];
        int at = 0;
        for (byte[] value : values) {
            ByteBuffer.wrap(value).asLongBuffer().get(hits, at, value.length / Long.BYTES);
            at += value.length / Long.BYTES;
        }
        return hits;
    }

    void delete(String runId, long window, int chunks) {
        for (int chunk = 0; chunk < chunks; chunk++) {
            store.delete(key(runId, window, chunk));
        }
    }

    private static Bytes key(String runId, long window, int chunk) {
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(run.length + 1 + Long.BYTES + Integer.BYTES)
                .put(run).put((byte) 0).putLong(window).putInt(chunk).array());
    }
}
