package io.churnwatch.bench.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportSectionTest {

    private static final String SECTION =
            ReportSection.START + "\n## Retention console\n\n| p99 | 42 ms |\n" + ReportSection.END;

    @Test
    void appendsTheSectionToAReportWithoutOne() {
        assertThat(ReportSection.replace("# Performance\n\nJob figures.\n", SECTION))
                .isEqualTo("# Performance\n\nJob figures.\n\n" + SECTION + "\n");
    }

    @Test
    void replacesOnlyWhatLiesBetweenTheMarkers() {
        String report = "# Performance\n\n" + ReportSection.START + "\nold figures\n" + ReportSection.END
                + "\n\n## Latency\n\nkept\n";
        assertThat(ReportSection.replace(report, SECTION))
                .isEqualTo("# Performance\n\n" + SECTION + "\n\n## Latency\n\nkept\n");
    }

    @Test
    void aRegeneratedJobReportKeepsTheConsoleSectionOfTheFileItOverwrites() {
        String old = "# Performance\n\nold job figures\n\n" + SECTION + "\n";
        String generated = "# Performance\n\nnew job figures\n";
        String written = ReportSection.carryOver(Optional.of(old), generated);
        assertThat(written).contains("new job figures").doesNotContain("old job figures");
        assertThat(ReportSection.find(written)).contains(SECTION);
    }

    @Test
    void aRegeneratedJobReportWithoutAPreviousFileIsLeftAsGenerated() {
        assertThat(ReportSection.carryOver(Optional.empty(), "# Performance\n")).isEqualTo("# Performance\n");
        assertThat(ReportSection.carryOver(Optional.of("# old, no section\n"), "# Performance\n"))
                .isEqualTo("# Performance\n");
    }
}
