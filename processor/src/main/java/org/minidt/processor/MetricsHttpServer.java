package org.minidt.processor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import org.minidt.common.HttpReply;
import org.minidt.common.Json;

/**
 * A tiny HTTP endpoint for operators and health checks (JDK HttpServer, no framework): {@code GET /metrics}
 * answers the {@link MetricsSnapshot} as JSON; {@code GET /health} answers 200 while Kafka Streams is running or
 * rebalancing, 503 otherwise.
 */
final class MetricsHttpServer implements AutoCloseable {
    private final HttpServer server;

    MetricsHttpServer(String host, int port, Supplier<MetricsSnapshot> snapshot) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", exchange -> HttpReply.send(exchange, 200, HttpReply.JSON, Json.toBytes(snapshot.get())));
        server.createContext("/health", exchange -> {
            String state = snapshot.get().state();
            boolean healthy = state.equals("RUNNING") || state.equals("REBALANCING");
            HttpReply.send(exchange, healthy ? 200 : 503, HttpReply.JSON, Json.toBytes(Map.of("state", state)));
        });
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
