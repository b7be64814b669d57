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

    /**
     * The line in the course stream format. A 2020-firmware line starting with HEAD 1 becomes HEAD 2; any
     * other line is passed on unchanged so that the processor sees, counts and dead-letters it.
     */
    public String toCourseLine(String line) {
        if (this == FIRMWARE_2020 && line.length() > 1 && line.charAt(0) == '1' && line.charAt(1) == ',') {
            return "2" + line.substring(1);
        }
        return line;
    }

    @Override
    public String toString() {
        return id;
    }
}
