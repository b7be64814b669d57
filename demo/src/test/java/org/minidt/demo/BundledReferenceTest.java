package org.minidt.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minidt.common.Json;
import org.minidt.common.QualityReference;
import org.minidt.common.WindowSummary;
import org.minidt.quality.ReferenceSeed;

/**
 * The reference the quality service ships (quality/src/main/resources/references/run000591.json) is Run000591 as the
 * processor windows it and the quality service sums it when the run is promoted. Regenerate it after a change of
 * the processor's products with {@code -Dminidt.regenerate-reference=true}.
 */
class BundledReferenceTest {
    static final Path RESOURCE = Path.of("../quality/src/main/resources" + ReferenceSeed.BUNDLED_RESOURCE);

    @Test
    void theBundledReferenceIsRun000591PromotedThroughTheQualityService() throws Exception {
        QualityReference made;
        try (DriverChain chain = new DriverChain()) {
            List<WindowSummary> windows = Run000591Quality.windows(chain);
            chain.judge(windows);
            made = chain.promote(Run000591Quality.RUN);
        }
        if (Boolean.getBoolean("minidt.regenerate-reference")) {
            Files.createDirectories(RESOURCE.getParent());
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(RESOURCE.toFile(), made);
        }
        QualityReference bundled = ReferenceSeed.bundled();
        assertThat(bundled.run()).isEqualTo("run000591");
        assertThat(bundled.setup()).isEqualTo("minidt");
        assertThat(bundled.span().windows()).isEqualTo(33);
        assertThat(bundled.span()).isEqualTo(made.span());
        assertThat(bundled.chambers()).isEqualTo(made.chambers());
        // every hit of the file is in it: 159,616 rows, of which chamber hits (channels < 128) are counted per chamber
        assertThat(bundled.chambers().stream().mapToLong(c -> c.occupancy().inRange()).sum())
                .isEqualTo(Files.readAllLines(Run000591Quality.FILE).stream().skip(1).filter(l -> Integer.parseInt(l.split(",")[2]) < 128).count());
    }
}
