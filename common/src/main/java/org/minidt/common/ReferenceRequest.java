package org.minidt.common;

/**
 * The message on {@link Topics#REFERENCE_REQUESTS} (key = detector setup): make run {@code run}, as summed so far
 * by the quality service, the setup's reference.
 *
 * @param requestedBy who asked (the dashboard writes the client's address), for the log
 */
public record ReferenceRequest(String run, long requestedMs, String requestedBy) {
}
