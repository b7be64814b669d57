package org.minidt.quality;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.minidt.common.QualityReference;
import org.minidt.common.ReferenceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes a run the reference of a setup on request: its windows summed so far become the setup's reference. */
final class PromoteProcessor implements Processor<String, ReferenceRequest, String, QualityReference> {
    private static final Logger log = LoggerFactory.getLogger(PromoteProcessor.class);
    private ProcessorContext<String, QualityReference> context;
    private KeyValueStore<String, Sample> runs;

    @Override
    public void init(ProcessorContext<String, QualityReference> context) {
        this.context = context;
        runs = context.getStateStore(QualityTopology.RUN_STORE);
    }

    @Override
    public void process(Record<String, ReferenceRequest> record) {
        String setup = record.key();
        ReferenceRequest request = record.value();
        if (setup == null || request == null || request.run() == null) {
            log.warn("ignoring a reference request without setup or run: key {}, value {}", setup, request);
            return;
        }
        Sample run = runs.get(request.run());
        if (run == null || run.chambers().isEmpty()) {
            log.warn("reference request by {} for setup {}: run {} has no windows here — nothing changed", request.requestedBy(), setup,
                    request.run());
            return;
        }
        log.info("run {} ({} windows, {} s) is now the reference of setup {} (asked by {})", request.run(), run.span().windows(),
                run.span().seconds(), setup, request.requestedBy());
        context.forward(record.withValue(new QualityReference(QualityReference.SCHEMA_VERSION, setup, request.run(),
                context.currentSystemTimeMs(), run.span(), run.chambers(), run.occupancySpread(),
                run.driftTimeSpread())));
    }
}
