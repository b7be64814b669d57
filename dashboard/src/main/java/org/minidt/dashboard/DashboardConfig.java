package org.minidt.dashboard;

/**
 * @param host address to bind: 127.0.0.1 by default; 0.0.0.0 opens the page to the network
 * @param historyMinutes how much of the results topic to read back at start, so a new page is never blank
 */
public record DashboardConfig(String bootstrapServers, String host, int port, long historyMinutes) {
}
