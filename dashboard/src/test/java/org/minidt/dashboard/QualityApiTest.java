package org.minidt.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minidt.common.Histogram;
import org.minidt.common.Json;
import org.minidt.common.Quality;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.QualityVerdict.Scope;
import org.minidt.common.QualityVerdict.Span;
import org.minidt.common.ReferenceRequest;
import org.minidt.common.Topics;
import org.minidt.common.WindowSummary;

/**
 * The quality view on a real broker: verdicts and the reference from their topics, and who may make a run the
 * reference (this machine always; another host only with the operator's token).
 */
class QualityApiTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static DashboardFixture fixture;
    private static Dashboard local;

    @BeforeAll
    static void start() throws Exception {
        fixture = new DashboardFixture();
        try (KafkaProducer<String, byte[]> p = producer()) {
            WindowSummary w = SampleWindows.window("ref-run", System.currentTimeMillis() - 60_000, 0, 3, java.util.Set.of());
            QualityReference ref = new QualityReference(1, "minidt", "ref-run", 1L, span("run", 0, System.currentTimeMillis()), w.chambers(),
                    List.of(), List.of());
            p.send(new ProducerRecord<>(Topics.REFERENCES.name(), "minidt", Json.toBytes(ref))).get();
            for (int i = 0; i < 3; i++) {
                long now = System.currentTimeMillis();
                Quality q = i == 2 ? Quality.BAD : Quality.GOOD;
                p.send(new ProducerRecord<>(Topics.QUALITY.name(), "run-7", Json.toBytes(verdict("run-7", span("window", i, now), Scope.chamber(1),
                        "summary", q, i == 2 ? "cell L2-W07 (ch 89) silent: 0 hits in 1 s, expected 40" : "chamber 1: all checks good")))).get();
                p.send(new ProducerRecord<>(Topics.QUALITY.name(), "run-7", Json.toBytes(verdict("run-7", span("run", i, now), Scope.detector(),
                        "summary", q, "detector")))).get();
            }
        }
        local = new Dashboard(DashboardConfig.defaults(fixture.kafka.bootstrapServers(), "127.0.0.1", 0)).start();
        Poll.until("the quality view of run-7 at window 2 with reference ref-run", () -> get(local, "api/quality").statusCode() == 200
                && Json.MAPPER.readTree(get(local, "api/quality").body()).path("window_index").asLong() == 2
                && Json.MAPPER.readTree(get(local, "api/quality").body()).path("reference").path("run").asText().equals("ref-run"));
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
        fixture.close();
    }

    static Span span(String kind, long index, long wallEndMs) {
        return new Span(kind, 0, index, index + 1, index + 1.0, 0, 1, wallEndMs - 1000, wallEndMs);
    }

    static QualityVerdict verdict(String run, Span span, Scope scope, String check, Quality q, String reason) {
        return new QualityVerdict(1, run, span, scope, check, q, reason, null, Map.of(), Map.of(), "ref-run", System.currentTimeMillis());
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafka.bootstrapServers());
        return new KafkaProducer<>(p, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static HttpResponse<String> get(Dashboard d, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(d.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header(ReferenceAccess.TOKEN_HEADER, token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The reference requests on the topic so far. */
    private static List<ReferenceRequest> requests() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafka.bootstrapServers());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ReferenceRequest> out = new ArrayList<>();
        try (KafkaConsumer<String, ReferenceRequest> c = new KafkaConsumer<>(p, Topics.REFERENCE_REQUESTS.keySerde().deserializer(),
                Topics.REFERENCE_REQUESTS.valueSerde().deserializer())) {
            var tp = new org.apache.kafka.common.TopicPartition(Topics.REFERENCE_REQUESTS.name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, ReferenceRequest> r : c.poll(Duration.ofMillis(500))) {
                    assertThat(r.key()).isEqualTo("minidt");
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    @Test
    void theViewHasTheNewestWindowsVerdictsTheRunSoFarTheStripsAndTheReferenceName() throws Exception {
        JsonNode v = Json.MAPPER.readTree(get(local, "api/quality").body());
        assertThat(v.path("run").asText()).isEqualTo("run-7");
        assertThat(v.path("window").get(0).path("reason").asText()).isEqualTo("cell L2-W07 (ch 89) silent: 0 hits in 1 s, expected 40");
        assertThat(v.path("run_so_far").get(0).path("quality").asText()).isEqualTo("BAD");
        List<String> strip = new ArrayList<>();
        v.path("strips").path("chamber 1").forEach(p -> strip.add(p.path("index").asLong() + ":" + p.path("quality").asText()));
        assertThat(strip).containsExactly("0:GOOD", "1:GOOD", "2:BAD");
        assertThat(v.path("reference").path("run").asText()).isEqualTo("ref-run");
        JsonNode ref = Json.MAPPER.readTree(get(local, "api/quality/reference").body());
        assertThat(ref.path("chambers").get(2).path("occupancy").path("bin_counts").size()).isEqualTo(64);
    }

    @Test
    void thisMachineMayMakeARunTheReference() throws Exception {
        HttpResponse<String> r = post(local.url() + "api/quality/reference?run=run-7", null);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(requests()).extracting(ReferenceRequest::run).contains("run-7");
    }

    @Test
    void anotherHostIsRefusedWithoutTheOperatorsTokenAndAcceptedWithIt() throws Exception {
        String address = nonLoopbackAddress();
        assumeTrue(address != null, "this machine has no non-loopback IPv4 address to call from");
        try (Dashboard open = new Dashboard(DashboardConfig.defaults(fixture.kafka.bootstrapServers(), "0.0.0.0", 0)).start();
             Dashboard withToken = new Dashboard(DashboardConfig.defaults(fixture.kafka.bootstrapServers(), "0.0.0.0", 0)
                     .withQuality("minidt", "s3cret")).start()) {
            HttpResponse<String> refused = post("http://" + address + ":" + open.port() + "/api/quality/reference?run=run-x", null);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(Json.MAPPER.readTree(refused.body()).path("error").asText()).startsWith("setting the reference is refused from " + address);
            String url = "http://" + address + ":" + withToken.port() + "/api/quality/reference?run=run-y";
            assertThat(post(url, "wrong").statusCode()).isEqualTo(403);
            assertThat(post(url, "s3cret").statusCode()).isEqualTo(202);
            assertThat(requests()).extracting(ReferenceRequest::run).contains("run-y").doesNotContain("run-x");
        }
    }

    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }
}
