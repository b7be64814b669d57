package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.minidt.common.Quality;
import org.minidt.common.QualityVerdict;
import org.minidt.common.WindowSummary;
import org.minidt.quality.ReferenceSeed;

/**
 * The healthy real run against its own reference: not a single alarm, window by window or for the run so far, once
 * the statistics gates are passed (the old per-run-median tiles were red on every chamber of this run). Its
 * always-dead cells are KNOWN, not BAD.
 */
class Run000591QualityTest {

    @Test
    void theHealthyRunIsGoodEverywhereAgainstItsReferenceAndItsDeadCellsAreKnown() {
        List<QualityVerdict> all;
        try (DriverChain chain = new DriverChain()) {
            chain.reference(ReferenceSeed.bundled());
            List<WindowSummary> windows = Run000591Quality.windows(chain);
            all = chain.judge(windows).stream().flatMap(List::stream).toList();
        }
        Map<String, Map<Quality, Long>> byCheck = new TreeMap<>(all.stream().collect(Collectors.groupingBy(
                v -> v.span().kind() + " " + v.check(), Collectors.groupingBy(QualityVerdict::quality, TreeMap::new, Collectors.counting()))));
        byCheck.forEach((check, counts) -> System.out.println(check + ": " + counts));

        assertThat(all).filteredOn(v -> v.quality() == Quality.BAD || v.quality() == Quality.MEDIUM || v.quality() == Quality.STALLED)
                .extracting(QualityVerdict::reason).isEmpty();
        // judged, not just gated: about 100 of the 256 cells of each 1 s window pass the statistics gate (15 expected
        // hits), every window's chamber rates were compared, and the run so far ends GOOD
        assertThat(byCheck.get("window cell-occupancy").get(Quality.GOOD)).isGreaterThan(3000L);
        assertThat(byCheck.get("window chamber-rate").get(Quality.GOOD)).isEqualTo(33 * 4L);
        List<QualityVerdict> last = all.subList(all.size() - 100, all.size());
        assertThat(last).filteredOn(v -> v.span().kind().equals("run") && v.scope().kind().equals("detector") && v.check().equals("summary"))
                .singleElement().satisfies(v -> assertThat(v.quality()).isEqualTo(Quality.GOOD));
        // docs/detector.md, "Ordering and rates": chamber 0 channels 0, 12, 14, 52, 55 never fire in this run
        List<Integer> knownInChamber0 = all.stream().filter(v -> v.span().kind().equals("run") && v.quality() == Quality.KNOWN
                        && v.scope().chamber() == 0 && v.span().lastIndex() == 241).map(v -> v.scope().channel()).toList();
        assertThat(knownInChamber0).contains(0, 12, 14, 52, 55);
    }
}
