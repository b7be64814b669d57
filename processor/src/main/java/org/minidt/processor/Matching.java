package org.minidt.processor;

import java.util.Arrays;

/** How a chamber hit is matched to a scintillator time t0 (docs/detector.md, "Drift time"). */
public enum Matching {
    /** The course's rule: t0 is the earliest scintillator hit in the hit's own orbit. */
    SAME_ORBIT("same-orbit"),
    /**
     * t0 is the earliest scintillator hit with match-window-start <= t_hit - t0 <= match-window-end, across
     * orbit boundaries: a muon near the end of an orbit keeps its hits in the next one.
     */
    TIME_WINDOW("time-window");

    private final String id;

    Matching(String id) {
        this.id = id;
    }

    /** The name used in flags and in the message's settings. */
    public String id() {
        return id;
    }

    public static Matching fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown matching rule '" + id + "': use 'same-orbit' or 'time-window'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
