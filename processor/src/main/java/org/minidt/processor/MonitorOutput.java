package org.minidt.processor;

import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.minidt.common.WindowSummary;

/**
 * What the monitor sends on: a window message or a dead letter. Each kind goes to its own {@link Route} and from
 * there, typed, to its sink with the topic's serdes (a processor has one output type; this keeps it typed).
 */
sealed interface MonitorOutput {
    /** A window message for {@code minidt.results}. */
    record Window(Record<String, WindowSummary> record) implements MonitorOutput {
    }

    /** A refused line or record for {@code minidt.raw-hits.dlq}. */
    record DeadLetter(Record<byte[], byte[]> record) implements MonitorOutput {
    }

    /** Passes on the records of one kind of output, typed for its sink. */
    final class Route<K, V> implements Processor<Void, MonitorOutput, K, V> {
        private final Function<MonitorOutput, Record<K, V>> select;
        private ProcessorContext<K, V> context;

        /** @param select the record of an output of this route's kind, null for any other kind */
        Route(Function<MonitorOutput, Record<K, V>> select) {
            this.select = select;
        }

        @Override
        public void init(ProcessorContext<K, V> context) {
            this.context = context;
        }

        @Override
        public void process(Record<Void, MonitorOutput> output) {
            Record<K, V> record = select.apply(output.value());
            if (record != null) {
                context.forward(record);
            }
        }
    }
}
