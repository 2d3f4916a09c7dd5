package io.churnwatch.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void drawsABarChartAsPngWithoutADisplay() throws Exception {
        Path png = Charts.bars(
                dir.resolve("charts/share.png"),
                "Share",
                "%",
                List.of("missed", "kept"),
                Map.of("1-2 stars", List.of(65.6, 9.7)));

        assertThat(png).isEqualTo(dir.resolve("charts/share.png")).exists();
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
    }
}
