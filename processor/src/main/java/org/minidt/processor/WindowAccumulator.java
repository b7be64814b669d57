package org.minidt.processor;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minidt.common.Binning;
import org.minidt.common.Chamber;
import org.minidt.common.DaqTime;
import org.minidt.common.DaqWord;
import org.minidt.common.Hit;
import org.minidt.common.Histogram;
import org.minidt.common.RunInfo;
import org.minidt.common.WindowSummary;

/** Everything counted so far for one open window of one run. */
final class WindowAccumulator {
    private static final int CHAMBERS = Chamber.values().length;

    final long index;
    long wordsRead;
    long totalHits;
    long nonChamberHits;
    long lateWords;
    long malformedWords;
    long scintillatorHits;
    final long[] droppedByHead = new long[DaqWord.MAX_HEAD + 1];
    final long[] chamberHits = new long[CHAMBERS];
    final long[][] occupancy = new long[CHAMBERS][Chamber.CELLS];

    WindowAccumulator(long index) {
        this.index = index;
    }

    void addHit(Hit hit) {
        wordsRead++;
        totalHits++;
        int chamber = hit.chamber();
        if (chamber < 0) {
            nonChamberHits++;
            if (hit.isScintillator()) {
                scintillatorHits++;
            }
            return;
        }
        chamberHits[chamber]++;
        occupancy[chamber][hit.tdcChannel() - Chamber.byIndex(chamber).firstChannel()]++;
    }

    void addDropped(int head) {
        wordsRead++;
        droppedByHead[head]++;
    }

    void addLate() {
        wordsRead++;
        lateWords++;
    }

    void addMalformed() {
        wordsRead++;
        malformedWords++;
    }

    WindowSummary toSummary(RunInfo run, ProcessorConfig config, String closedBy, long emittedMs) {
        long windowTicks = config.windowMs() * DaqTime.TICKS_PER_MS;
        long startTicks = run.startTicks() + index * windowTicks;
        List<WindowSummary.ChamberSummary> chambers = new ArrayList<>();
        for (Chamber c : Chamber.values()) {
            Binning channels = Binning.integers(c.firstChannel(), c.firstChannel() + Chamber.CELLS);
            Binning active = Binning.integers(1, Chamber.CELLS + 1);
            Binning drift = new Binning(-100, 500, 60);
            chambers.add(new WindowSummary.ChamberSummary(c.index(), c.fpga(), c.firstChannel(), chamberHits[c.index()], 0,
                    Histogram.of(channels, occupancy[c.index()].clone(), 0, 0), Histogram.empty(active),
                    Histogram.empty(channels), Histogram.empty(drift)));
        }
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (int head = 0; head < droppedByHead.length; head++) {
            if (head != DaqWord.HIT_HEAD) {
                dropped.put(Integer.toString(head), droppedByHead[head]);
            }
        }
        return new WindowSummary(WindowSummary.SCHEMA_VERSION, run.runId(),
                new WindowSummary.Window(index, config.windowMs(), DaqTime.ticksToWholeNs(startTicks),
                        DaqTime.ticksToWholeNs(startTicks + windowTicks), run.startEpochMs() + index * config.windowMs(),
                        run.startEpochMs() + (index + 1) * config.windowMs(), emittedMs, closedBy),
                totalHits, chambers, new WindowSummary.Scintillator(scintillatorHits, 0),
                new WindowSummary.Accounting(wordsRead, dropped, totalHits - nonChamberHits, nonChamberHits, lateWords, malformedWords),
                new WindowSummary.Settings(config.graceMs(), "same-orbit", 0, 0, List.of(93.9, 101.4, 95.5, 92.4)));
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(index);
        out.writeLong(wordsRead);
        out.writeLong(totalHits);
        out.writeLong(nonChamberHits);
        out.writeLong(lateWords);
        out.writeLong(malformedWords);
        out.writeLong(scintillatorHits);
        for (long v : droppedByHead) {
            out.writeLong(v);
        }
        for (int c = 0; c < CHAMBERS; c++) {
            out.writeLong(chamberHits[c]);
            for (long v : occupancy[c]) {
                out.writeLong(v);
            }
        }
    }

    static WindowAccumulator readFrom(DataInput in) throws IOException {
        WindowAccumulator w = new WindowAccumulator(in.readLong());
        w.wordsRead = in.readLong();
        w.totalHits = in.readLong();
        w.nonChamberHits = in.readLong();
        w.lateWords = in.readLong();
        w.malformedWords = in.readLong();
        w.scintillatorHits = in.readLong();
        for (int i = 0; i < w.droppedByHead.length; i++) {
            w.droppedByHead[i] = in.readLong();
        }
        for (int c = 0; c < CHAMBERS; c++) {
            w.chamberHits[c] = in.readLong();
            for (int i = 0; i < Chamber.CELLS; i++) {
                w.occupancy[c][i] = in.readLong();
            }
        }
        return w;
    }
}
