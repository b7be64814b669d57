package org.minidt.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.Quality;
import org.minidt.common.QualityReference;
import org.minidt.common.QualityVerdict;
import org.minidt.common.WindowSummary;

/** The quality topology on the test driver: what it judges, against which reference, and when the input stops. */
class QualityTopologyTest {
    static final double HZ = 40;

    static QualityReference reference() {
        return QualityDriver.referenceOf("ref-run", LongStream.range(0, 30).mapToObj(i -> Windows.healthy("ref-run", i, 1, HZ)).toList());
    }

    static List<QualityVerdict> bad(List<QualityVerdict> verdicts) {
        return verdicts.stream().filter(v -> v.quality() == Quality.BAD || v.quality() == Quality.MEDIUM).toList();
    }

    static List<QualityVerdict> of(List<QualityVerdict> verdicts, String spanKind, String check) {
        return verdicts.stream().filter(v -> v.span().kind().equals(spanKind) && v.check().equals(check)).toList();
    }

    @Test
    void aHealthyWindowIsGoodEverywhereForTheWindowAndTheRunSoFar() {
        try (QualityDriver d = new QualityDriver()) {
            d.reference(reference());
            List<QualityVerdict> v = d.pipe(Windows.healthy("run-1", 0, 2, HZ));
            assertThat(bad(v)).isEmpty();
            // per span: 4 x 64 cells, per chamber 7 checks and a summary, the detector summary
            assertThat(v).hasSize(2 * (256 + 4 * 8 + 1));
            assertThat(of(v, "window", "summary")).filteredOn(s -> s.scope().kind().equals("detector")).singleElement()
                    .satisfies(s -> assertThat(s.quality()).isEqualTo(Quality.GOOD));
            assertThat(of(v, "run", "cell-occupancy")).allSatisfy(c -> assertThat(c.quality()).isEqualTo(Quality.GOOD));
            assertThat(v).allSatisfy(x -> assertThat(x.reference()).isEqualTo("ref-run"));
        }
    }

    @Test
    void everyVerdictValidatesAgainstTheSchema() throws Exception {
        JsonSchema schema;
        try (InputStream in = QualityVerdict.class.getResourceAsStream("/schema/quality-verdict.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        try (QualityDriver d = new QualityDriver()) {
            List<QualityVerdict> v = d.pipe(Windows.healthy("run-1", 0, 2, HZ)); // no reference yet: NULL comparisons
            d.reference(reference());
            v = new java.util.ArrayList<>(v);
            v.addAll(d.pipe(Windows.window("run-1", 1, 2, (c, ch) -> c == 0 && ch == 5 ? 0 : HZ, 1000, 0, 0)));
            d.advanceWallClock(Duration.ofSeconds(40));
            v.addAll(d.verdicts());
            for (QualityVerdict x : v) {
                assertThat(schema.validate(Json.MAPPER.readTree(Json.toBytes(x)))).as(x.check() + " " + x.scope()).isEmpty();
            }
            assertThat(v).extracting(QualityVerdict::quality).contains(Quality.NULL, Quality.GOOD, Quality.BAD, Quality.STALLED);
        }
    }

    @Test
    void aSilentCellIsTheOnlyBadCellWithItsNameAndChannelAndMakesItsChamberAndTheDetectorBad() {
        try (QualityDriver d = new QualityDriver()) {
            d.reference(reference());
            List<QualityVerdict> v = d.pipe(Windows.window("run-1", 0, 3, (c, ch) -> c == 1 && ch == 91 ? 0 : HZ, 1000, 0, 0));
            List<QualityVerdict> window = v.stream().filter(x -> x.span().kind().equals("window")).toList();
            assertThat(bad(window)).extracting(x -> x.scope().label() + " " + x.check())
                    .containsExactlyInAnyOrder("L2-W07 cell-occupancy", "chamber 1 summary", "detector summary");
            QualityVerdict cell = bad(window).get(0);
            assertThat(cell.scope().chamber()).isEqualTo(1);
            assertThat(cell.scope().channel()).isEqualTo(91);
            assertThat(cell.reason()).matches("cell L2-W07 \\(ch 91\\) silent: 0 hits in 1 s, expected (39|40|41) \\(reference ref-run: (39|40|41)\\.\\d Hz\\)");
            assertThat(of(window, "window", "summary")).filteredOn(s -> s.scope().kind().equals("detector")).singleElement()
                    .satisfies(s -> assertThat(s.reason()).isEqualTo(cell.reason()));
        }
    }

    @Test
    void tooFewEntriesAreNullNeverBad() {
        try (QualityDriver d = new QualityDriver()) {
            d.reference(reference());
            // 2 Hz per cell: 2 expected hits, 50 drift times, a dead cell among them, all beneath the gates
            List<QualityVerdict> v = d.pipe(Windows.window("run-1", 0, 4, (c, ch) -> ch == 3 ? 0 : 2, 50, 0, 0));
            assertThat(bad(v)).isEmpty();
            assertThat(of(v, "window", "cell-occupancy")).allSatisfy(c -> assertThat(c.quality()).isEqualTo(Quality.NULL));
            assertThat(of(v, "window", "time-box-fit")).allSatisfy(c -> assertThat(c.reason()).contains("needs 500 to fit"));
            assertThat(of(v, "window", "summary")).allSatisfy(c -> assertThat(c.quality()).isEqualTo(Quality.NULL));
        }
    }

    @Test
    void withoutAReferenceComparisonsAreNullAndSayWhatToDo() {
        try (QualityDriver d = new QualityDriver()) {
            List<QualityVerdict> v = d.pipe(Windows.healthy("run-1", 0, 5, HZ));
            assertThat(bad(v)).isEmpty();
            assertThat(of(v, "window", "chamber-rate")).allSatisfy(c -> {
                assertThat(c.quality()).isEqualTo(Quality.NULL);
                assertThat(c.reason()).isEqualTo("no reference run for setup 'minidt' — make a good run the reference");
            });
            assertThat(of(v, "window", "time-box-fit")).allSatisfy(c -> assertThat(c.quality()).isEqualTo(Quality.GOOD));
        }
    }

    @Test
    void aHigherRevisionReplacesTheWindowInTheRunSoFarAndARepeatedOrOlderOneIsIgnored() {
        try (QualityDriver d = new QualityDriver()) {
            d.reference(reference());
            WindowSummary first = Windows.window("run-1", 0, 6, (c, ch) -> c == 1 && ch == 91 ? 0 : HZ, 1000, 0, 0);
            WindowSummary revised = Windows.revision(Windows.healthy("run-1", 0, 7, HZ), 1);
            d.pipe(first);
            assertThat(d.pipe(first)).isEmpty();
            List<QualityVerdict> v = d.pipe(revised);
            QualityVerdict cell = of(v, "run", "cell-occupancy").stream().filter(x -> x.scope().channel() == 91 && x.scope().chamber() == 1)
                    .findFirst().orElseThrow();
            assertThat(cell.quality()).isEqualTo(Quality.GOOD);
            assertThat(cell.value()).isEqualTo((double) revised.chambers().get(1).occupancy().binCounts()[91 - 64]);
            assertThat(cell.span().windows()).isEqualTo(1);
            assertThat(d.pipe(first)).as("revision 0 after revision 1").isEmpty();
        }
    }

    @Test
    void aRunWhoseWindowsStopIsStalledOnceAndGoodAgainWhenTheyResume() {
        try (QualityDriver d = new QualityDriver()) {
            d.reference(reference());
            d.pipe(Windows.healthy("run-1", 0, 8, HZ));
            d.advanceWallClock(Duration.ofSeconds(20));
            assertThat(d.verdicts()).isEmpty();
            d.advanceWallClock(Duration.ofSeconds(15));
            List<QualityVerdict> stalled = d.verdicts();
            assertThat(stalled).singleElement().satisfies(s -> {
                assertThat(s.quality()).isEqualTo(Quality.STALLED);
                assertThat(s.check()).isEqualTo("input");
                assertThat(s.scope().kind()).isEqualTo("detector");
                assertThat(s.reason()).startsWith("no new window for 3").contains("not a detector problem");
            });
            d.advanceWallClock(Duration.ofSeconds(60));
            assertThat(d.verdicts()).isEmpty();
            List<QualityVerdict> resumed = of(d.pipe(Windows.healthy("run-1", 1, 8, HZ)), "run", "input");
            assertThat(resumed).singleElement().satisfies(s -> {
                assertThat(s.quality()).isEqualTo(Quality.GOOD);
                assertThat(s.reason()).startsWith("windows resumed after 9");
            });
        }
    }

    @Test
    void aPromotedRunBecomesTheReferenceTheNextWindowsAreJudgedAgainst() {
        try (QualityDriver d = new QualityDriver()) {
            List<WindowSummary> good = LongStream.range(0, 20).mapToObj(i -> Windows.healthy("good-run", i, 9, HZ)).toList();
            good.forEach(d::pipe);
            d.request("minidt", "good-run");
            List<QualityReference> written = d.referencesWritten();
            assertThat(written).singleElement().satisfies(r -> {
                assertThat(r.run()).isEqualTo("good-run");
                assertThat(r.setup()).isEqualTo("minidt");
                assertThat(r.span().windows()).isEqualTo(20);
                assertThat(r.chambers().get(2).occupancy().binCounts()[7]).isEqualTo(good.stream()
                        .mapToLong(w -> w.chambers().get(2).occupancy().binCounts()[7]).sum());
            });
            List<QualityVerdict> v = d.pipe(Windows.window("next-run", 0, 10, (c, ch) -> c == 1 && ch == 91 ? 0 : HZ, 1000, 0, 0));
            assertThat(v).allSatisfy(x -> assertThat(x.reference()).isEqualTo("good-run"));
            assertThat(bad(v)).extracting(x -> x.scope().label()).contains("L2-W07");
        }
    }
}
