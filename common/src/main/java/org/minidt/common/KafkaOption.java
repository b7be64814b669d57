package org.minidt.common;

import picocli.CommandLine.Option;

/** The Kafka option every service shares, as a picocli mixin ({@code @Mixin KafkaOption kafka}). */
public final class KafkaOption {
    @Option(names = "--bootstrap-servers", defaultValue = "${env:MINIDT_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (MINIDT_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
