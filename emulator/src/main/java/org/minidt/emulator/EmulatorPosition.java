package org.minidt.emulator;

import org.minidt.common.RunInfo;

/**
 * How far an emulator got: every line up to and including {@code line} of {@code object} of the run is on
 * {@code minidt.raw-hits}. Written as JSON on {@code minidt.emulator-positions} (key = emulator id) in the same
 * Kafka transaction as those lines, so the position and the data can never disagree.
 *
 * @param sourceTicks the newest hit time sent in the run (its markers' {@code sourceTicks}), carried on after a restart
 * @param ended whether the run's END_OF_RUN marker is on the topic: a restart then starts the next run, if any
 */
record EmulatorPosition(String baseRunId, int pass, String runId, long runStartMs, long runStartOrbit, String object, long line,
                        long sourceTicks, boolean ended) {

    static EmulatorPosition of(ReplayRun run, String object, long line, long sourceTicks, boolean ended) {
        return new EmulatorPosition(run.baseRunId(), run.pass(), run.runId(), run.info().startEpochMs(),
                run.info().startOrbit(), object, line, sourceTicks, ended);
    }

    ReplayRun run() {
        return new ReplayRun(baseRunId, pass, new RunInfo(runId, runStartMs, runStartOrbit));
    }
}
