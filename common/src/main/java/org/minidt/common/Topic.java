package org.minidt.common;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values, declared once in {@link Topics} so that every reader
 * and writer agrees on them: use {@code topic.keySerde()} / {@code topic.valueSerde()}, never a serde of
 * your own choosing.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    @Override
    public String toString() {
        return name;
    }
}
