package org.minidt.common;

/**
 * The text formats DAQ files come in, and the one conversion between them. The monitor works on the
 * course stream format; files of the 2020 firmware (Run000591), where every row is a hit marked HEAD 1,
 * are converted line by line to HEAD 2 before they are sent.
 */
public enum DaqFormat implements Identified {
    /** Course stream format: HEAD 0..5, hits are HEAD 2. */
    COURSE("course"),
    /** 2020 FortyMHz firmware: every row is a TDC hit, marked HEAD 1. */
    FIRMWARE_2020("firmware-2020");

    public static final String HEADER_LINE = "HEAD,FPGA,TDC_CHANNEL,ORBIT_CNT,BX_COUNTER,TDC_MEAS";

    private final String id;

    DaqFormat(String id) {
        this.id = id;
    }

    /** The name used on command lines and in configuration. */
    @Override
    public String id() {
        return id;
    }

    /** @throws UserError for an unknown id */
    public static DaqFormat fromId(String id) {
        return Identified.fromId(DaqFormat.class, id, "DAQ format");
    }

    /** True for the optional header line that DAQ files may start with. */
    public static boolean isHeader(String line) {
        return line.startsWith("HEAD");
    }

    /** True for the optional header line, given as bytes [0, length) of {@code line}. */
    public static boolean isHeader(byte[] line, int length) {
        return length >= 4 && line[0] == 'H' && line[1] == 'E' && line[2] == 'A' && line[3] == 'D';
    }

    /**
     * The line in the course stream format. A 2020-firmware line starting with HEAD 1 becomes HEAD 2; any
     * other line is passed on unchanged so that the processor sees, counts and dead-letters it.
     */
    public String toCourseLine(String line) {
        if (isFirmwareHit(line.length(), line.isEmpty() ? 0 : line.charAt(0), line.length() > 1 ? line.charAt(1) : 0)) {
            return "2" + line.substring(1);
        }
        return line;
    }

    /**
     * The same conversion on bytes [0, length) of {@code line}, in place: the file's bytes are sent as they are
     * except for that one HEAD digit.
     */
    public void toCourseLine(byte[] line, int length) {
        if (isFirmwareHit(length, length > 0 ? line[0] : 0, length > 1 ? line[1] : 0)) {
            line[0] = '2';
        }
    }

    private boolean isFirmwareHit(int length, int first, int second) {
        return this == FIRMWARE_2020 && length > 1 && first == '1' && second == ',';
    }

    @Override
    public String toString() {
        return id;
    }
}
