package org.minidt.emulator;

/**
 * A live DAQ's announcement of a new data file on {@code minidt.daq-files}, as JSON
 * {@code {"url": ..., "time": ..., "filename": ...}}.
 *
 * @param url presigned HTTP(S) GET URL of the file
 * @param time when the file was written, ISO-8601 UTC
 * @param filename the file's name (its object key)
 */
record DaqFileAnnouncement(String url, String time, String filename) {
}
