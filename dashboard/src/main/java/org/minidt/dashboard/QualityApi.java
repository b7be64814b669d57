package org.minidt.dashboard;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.minidt.common.QualityReference;
import org.minidt.common.ReferenceRequest;
import org.minidt.common.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality part of the JSON API: {@code GET /api/quality[?run=]} (the verdicts the page shows),
 * {@code GET /api/quality/reference} (the setup's reference histograms, for overlays) and
 * {@code POST /api/quality/reference?run=} (make a run the reference: from this machine, or with the token).
 */
final class QualityApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QualityApi.class);
    private final QualityBoard board;
    private final String setup;
    private final String token;
    private final KafkaProducer<String, ReferenceRequest> producer;

    QualityApi(String bootstrapServers, QualityBoard board, String setup, String token) {
        this.board = board;
        this.setup = setup;
        this.token = token;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        producer = new KafkaProducer<>(p, Topics.REFERENCE_REQUESTS.keySerde().serializer(), Topics.REFERENCE_REQUESTS.valueSerde().serializer());
    }

    void view(Context ctx) {
        Map<String, Object> view = board.view(ctx.queryParam("run"), setup);
        if (view == null) {
            ctx.status(204);
            return;
        }
        ctx.json(view);
    }

    void reference(Context ctx) {
        QualityReference r = board.reference(setup);
        if (r == null) {
            ctx.status(404).json(Map.of("error", "no reference for setup '" + setup + "' yet — make a good run the reference"));
            return;
        }
        ctx.json(r);
    }

    void promote(Context ctx) throws Exception {
        String refusal = ReferenceAccess.refusal(ctx.ip(), ctx.header(ReferenceAccess.TOKEN_HEADER), token);
        if (refusal != null) {
            log.warn("reference change refused: {}", refusal);
            ctx.status(403).json(Map.of("error", refusal));
            return;
        }
        String run = ctx.queryParam("run");
        if (run == null || run.isBlank()) {
            ctx.status(400).json(Map.of("error", "say which run: POST /api/quality/reference?run=<run id>"));
            return;
        }
        producer.send(new ProducerRecord<>(Topics.REFERENCE_REQUESTS.name(), setup,
                new ReferenceRequest(run, System.currentTimeMillis(), ctx.ip()))).get();
        log.info("asked to make run {} the reference of setup {} (from {})", run, setup, ctx.ip());
        ctx.status(202).json(Map.of("requested", run, "setup", setup));
    }

    @Override
    public void close() {
        producer.close();
    }
}
