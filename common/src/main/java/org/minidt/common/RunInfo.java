package org.minidt.common;

/**
 * A run: one replay pass or one live DAQ session. Detector time is anchored to the wall clock at the run
 * start, so that windows carry real dates: the start of orbit {@code startOrbit} happened at
 * {@code startEpochMs}.
 */
public record RunInfo(String runId, long startEpochMs, long startOrbit) {

    public RunInfo {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
    }

    /** Detector time of the run start, in ticks. */
    public long startTicks() {
        return DaqTime.orbitStartTicks(startOrbit);
    }
}
