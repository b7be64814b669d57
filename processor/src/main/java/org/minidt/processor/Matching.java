package org.minidt.processor;

import org.minidt.common.Identified;

/** How a chamber hit is matched to a scintillator time t0 (docs/detector.md, "Drift time"). */
public enum Matching implements Identified {
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
    @Override
    public String id() {
        return id;
    }

    /** @throws org.minidt.common.UserError for an unknown id */
    public static Matching fromId(String id) {
        return Identified.fromId(Matching.class, id, "matching rule");
    }

    @Override
    public String toString() {
        return id;
    }
}
