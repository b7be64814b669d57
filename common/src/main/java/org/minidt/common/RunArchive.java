package org.minidt.common;

import java.nio.charset.StandardCharsets;

/**
 * Where a run lies in the results archive bucket (written by the archiver, read by the dashboard); the
 * formats are in docs/archive.md. Every key starts with {@code runs/<run>/}; the run id is kept as it is
 * when it only has letters, digits, '.', '_' and '-', and percent-encoded otherwise.
 */
public final class RunArchive {
    public static final String DEFAULT_BUCKET = "minidt-results";
    public static final String RUNS = "runs/";
    /** Windows per part of the window series: a live run rewrites only its newest part. */
    public static final int WINDOWS_PER_PART = 100;

    private RunArchive() {
    }

    public static String runPrefix(String run) {
        return RUNS + encode(run) + "/";
    }

    /** Written last: what the run is, and which parts it consists of. */
    public static String summaryKey(String run) {
        return runPrefix(run) + "summary.json";
    }

    public static String cumulativeKey(String run) {
        return runPrefix(run) + "cumulative.json";
    }

    public static String windowsPrefix(String run) {
        return runPrefix(run) + "windows/";
    }

    /** First window index of the part holding window {@code index}. */
    public static long partFirst(long index) {
        return Math.floorDiv(index, WINDOWS_PER_PART) * WINDOWS_PER_PART;
    }

    /** The part holding window {@code index}: windows {@code first .. first + WINDOWS_PER_PART - 1}. */
    public static String windowsKey(String run, long index) {
        long first = partFirst(index);
        return windowsPrefix(run) + (first < 0 ? "-" + String.format("%07d", -first) : String.format("%08d", first)) + ".json";
    }

    public static String histogramKey(String run, int chamber, ChamberHistogram h) {
        return runPrefix(run) + "root/" + h.rootName(chamber) + ".json";
    }

    private static String encode(String run) {
        StringBuilder b = new StringBuilder();
        for (byte c : run.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }
}
