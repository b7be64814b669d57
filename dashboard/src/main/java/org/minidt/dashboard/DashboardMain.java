package org.minidt.dashboard;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.minidt.common.Cli;
import org.minidt.common.TopicSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The dashboard service: serves the live page until stopped. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves the live miniDT monitoring page from Kafka topic minidt.results.%n"
                + "Every option can also be set by the environment variable named in its description.")
public final class DashboardMain implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "${env:MINIDT_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (MINIDT_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--host", defaultValue = "${env:MINIDT_HTTP_HOST:-127.0.0.1}",
            description = "Address to bind (MINIDT_HTTP_HOST); 0.0.0.0 opens the page to the network. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "${env:MINIDT_HTTP_PORT:-8080}",
            description = "HTTP port (MINIDT_HTTP_PORT). Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--history-minutes", defaultValue = "${env:MINIDT_HISTORY_MINUTES:-15}",
            description = "Minutes of results read back at start (MINIDT_HISTORY_MINUTES). Default: ${DEFAULT-VALUE}")
    long historyMinutes;

    public static void main(String[] args) {
        System.exit(Cli.run(new DashboardMain(), args));
    }

    @Override
    public Integer call() throws Exception {
        TopicSetup.ensureTopics(bootstrapServers);
        CountDownLatch stop = new CountDownLatch(1);
        try (Dashboard dashboard = new Dashboard(new DashboardConfig(bootstrapServers, host, port, historyMinutes)).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }
}
