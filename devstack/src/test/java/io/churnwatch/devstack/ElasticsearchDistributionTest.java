package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchDistributionTest {

    @Test
    void explainsHowToFetchAMissingZip(@TempDir Path dir) {
        String missing = dir.resolve("nope.zip").toString();

        assertThatThrownBy(() -> ElasticsearchDistribution.zip("8.19.21", Map.of("CHURNWATCH_ES_ZIP", missing)))
                .hasMessageContaining("zip not found at " + missing)
                .hasMessageContaining(
                        "mvn dependency:get -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:8.19.21:zip");
    }

    @Test
    void cachesWhereTheEnvironmentSays(@TempDir Path dir) {
        assertThat(ElasticsearchDistribution.cacheDir(Map.of("CHURNWATCH_CACHE_DIR", dir.toString())))
                .isEqualTo(dir);
    }

    @Test
    void cachesWhereTheServerUserCanReadIt() {
        Path cache = ElasticsearchDistribution.cacheDir(Map.of());

        assertThat(UnprivilegedUser.canReach(cache)).isTrue();
    }

    @Test
    void pinsTheServerVersionsOfTheBuild() {
        assertThat(Versions.ELASTICSEARCH).isEqualTo("8.19.21");
        assertThat(Versions.KAFKA).isEqualTo("4.1.2");
    }
}
