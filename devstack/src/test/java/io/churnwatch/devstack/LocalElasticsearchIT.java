package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The node's own lifecycle, on a node of its own: the shared one stays up for the other tests. */
class LocalElasticsearchIT {

    private static final Path SYSTEM_TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void closeLeavesNoProcessAndNoFilesBehind() throws Exception {
        List<Path> tempFilesBefore = elasticsearchTempFilesIn(SYSTEM_TMP);

        LocalElasticsearch es = LocalElasticsearch.start();
        System.out.printf(
                "LocalElasticsearch startup: %d ms%n", es.startupTime().toMillis());
        ProcessHandle launcher = es.process();
        List<ProcessHandle> tree =
                Stream.concat(Stream.of(launcher), launcher.descendants()).toList();
        Path workDir = es.workDir();
        assertThat(tree).as("launcher JVM and the server JVM it forks").hasSizeGreaterThanOrEqualTo(2);
        assertThat(es.client().cluster().health().status()).isIn(HealthStatus.Green, HealthStatus.Yellow);
        assertThat(elasticsearchTempFilesIn(workDir.resolve("tmp")))
                .as("final-flags in the node's own tmp")
                .isNotEmpty();

        es.close();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(workDir).doesNotExist();
        assertThat(elasticsearchTempFilesIn(SYSTEM_TMP)).isSubsetOf(tempFilesBefore);
    }

    private static List<Path> elasticsearchTempFilesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("final-flags")
                            || p.getFileName().toString().startsWith("elasticsearch-"))
                    .toList();
        }
    }
}
