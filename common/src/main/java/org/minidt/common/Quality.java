package org.minidt.common;

/**
 * The judgement of one check on one scope, in ALICE QualityControl's terms plus two of the monitor's own.
 * {@link #rank()} orders them for worst-of aggregation: a KNOWN cell counts like a good one (the reference has
 * it bad already), and NULL (not enough statistics) only wins when nothing was judged.
 */
public enum Quality {
    /** Not enough statistics to judge: never an alarm. */
    NULL(0),
    /** Bad in the reference run as well (a known dead or hot cell): shown grey, not alarming. */
    KNOWN(1),
    GOOD(2),
    MEDIUM(3),
    BAD(4),
    /** The run is live but no new window came for too long: the feed, not the detector, is in trouble. */
    STALLED(5);

    private final int rank;

    Quality(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Quality worse(Quality a, Quality b) {
        return a.rank >= b.rank ? a : b;
    }
}
