package org.minidt.processor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.minidt.common.DaqTime;

/**
 * The recent scintillator hit times of a run, sorted, and the t0 lookup of both matching rules. Kept per run
 * (not per window) because a hit's t0 may lie in the neighbouring window; pruned as windows close.
 */
final class ScintillatorTimes {
    static final long NO_MATCH = Long.MIN_VALUE;

    private long[] ticks;
    private int size;

    ScintillatorTimes() {
        this(new long[8], 0);
    }

    private ScintillatorTimes(long[] ticks, int size) {
        this.ticks = ticks;
        this.size = size;
    }

    static ScintillatorTimes of(long[] sorted) {
        return new ScintillatorTimes(sorted.length == 0 ? new long[8] : sorted, sorted.length);
    }

    void add(long t) {
        // Times come almost in order: the newest goes at the end without a search.
        int at = size == 0 || ticks[size - 1] <= t ? size : insertionPoint(t + 1);
        if (size == ticks.length) {
            ticks = Arrays.copyOf(ticks, size * 2);
        }
        System.arraycopy(ticks, at, ticks, at + 1, size - at);
        ticks[at] = t;
        size++;
    }

    /** Forgets the times before {@code t}. */
    void pruneBefore(long t) {
        int n = insertionPoint(t);
        System.arraycopy(ticks, n, ticks, 0, size - n);
        size -= n;
    }

    int size() {
        return size;
    }

    /** The times in order, as longs. */
    void writeTo(ByteBuffer out) {
        out.asLongBuffer().put(ticks, 0, size);
        out.position(out.position() + size * Long.BYTES);
    }

    /** A t0 lookup for hits taken in time order: its position only moves forward. */
    T0Finder t0Finder(ProcessorConfig config) {
        return new T0Finder(config);
    }

    /** Finds t0 of hits under the configured matching rule; the hits must come in time order. */
    final class T0Finder {
        private final boolean sameOrbit;
        private final long matchStart;
        private final long matchEnd;
        private int next;

        private T0Finder(ProcessorConfig config) {
            this.sameOrbit = config.matching() == Matching.SAME_ORBIT;
            this.matchStart = config.matchStartTicks();
            this.matchEnd = config.matchEndTicks();
        }

        /** t0 of a hit at {@code hitTicks}: the earliest scintillator time the rule allows, or {@link #NO_MATCH}. */
        long t0Of(long hitTicks) {
            long from;
            long to;
            if (sameOrbit) {
                from = DaqTime.orbitStartTicks(Math.floorDiv(hitTicks, DaqTime.TICKS_PER_ORBIT));
                to = from + DaqTime.TICKS_PER_ORBIT - 1;
            } else {
                from = hitTicks - matchEnd;
                to = hitTicks - matchStart;
            }
            while (next < size && ticks[next] < from) {
                next++;
            }
            return next < size && ticks[next] <= to ? ticks[next] : NO_MATCH;
        }
    }

    /** Index of the first time >= t. */
    private int insertionPoint(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ticks[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
