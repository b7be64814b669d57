package org.minidt.processor;

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
        int at = insertionPoint(t + 1);
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

    long[] toArray() {
        return Arrays.copyOf(ticks, size);
    }

    /** The earliest time in [from, to], or {@link #NO_MATCH}. */
    long earliestIn(long from, long to) {
        int i = insertionPoint(from);
        return i < size && ticks[i] <= to ? ticks[i] : NO_MATCH;
    }

    /** t0 of a hit at {@code hitTicks} under the configured rule, or {@link #NO_MATCH}. */
    long t0Of(long hitTicks, ProcessorConfig config) {
        if (config.matching() == Matching.SAME_ORBIT) {
            long orbitStart = DaqTime.orbitStartTicks(Math.floorDiv(hitTicks, DaqTime.TICKS_PER_ORBIT));
            return earliestIn(orbitStart, orbitStart + DaqTime.TICKS_PER_ORBIT - 1);
        }
        return earliestIn(hitTicks - config.matchEndTicks(), hitTicks - config.matchStartTicks());
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
