package org.minidt.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Who may change the reference run from the page: a state-changing action, so only from this machine, or from
 * elsewhere with the token the operator configured ({@code --reference-token}), sent in {@link #TOKEN_HEADER}.
 */
final class ReferenceAccess {
    static final String TOKEN_HEADER = "X-Minidt-Token";

    private ReferenceAccess() {
    }

    /** Null when allowed, else why not (and what to do). */
    static String refusal(String remoteAddress, String sentToken, String configuredToken) {
        if (isLoopback(remoteAddress)) {
            return null;
        }
        if (configuredToken == null || configuredToken.isEmpty()) {
            return "setting the reference is refused from " + remoteAddress + ": only allowed from this machine, unless the operator "
                    + "starts the dashboard with --reference-token and the request sends it in " + TOKEN_HEADER;
        }
        if (sentToken == null || !MessageDigest.isEqual(sentToken.getBytes(StandardCharsets.UTF_8), configuredToken.getBytes(StandardCharsets.UTF_8))) {
            return "setting the reference from " + remoteAddress + " needs the operator's token in " + TOKEN_HEADER;
        }
        return null;
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
