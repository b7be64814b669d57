package org.minidt.common;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Answering a request of the JDK's small HTTP server (the services' control and metrics endpoints), one way. */
public final class HttpReply {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    private HttpReply() {
    }

    /** Sends the status, the content type and the whole body, and closes the exchange's body. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
