package org.minidt.emulator;

import org.minidt.common.RunInfo;

/**
 * The run the emulator is sending: in loop mode pass n of base run id B is run "B-pass{n}", each pass with a
 * later run start; otherwise the single run B (pass 1).
 */
record ReplayRun(String baseRunId, int pass, RunInfo info) {

    String runId() {
        return info.runId();
    }
}
