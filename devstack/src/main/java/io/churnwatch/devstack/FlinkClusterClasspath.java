package io.churnwatch.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars a Flink JobManager and TaskManager run from: Flink's runtime, client, web UI and RocksDB
 * state backend, and Log4j. This module's build resolves them (they are the antrun plugin's
 * dependencies in its POM, never this module's) and lists them in the resource
 * {@code flink-cluster.classpath}, relative to the local Maven repository, which is looked up again
 * here ({@code maven.repo.local} or {@code ~/.m2/repository}, then the repository of the build
 * that wrote the list).
 */
final class FlinkClusterClasspath {

    static final String RESOURCE = "flink-cluster.classpath";
    private static final String REPOSITORY_HEADER = "# repository=";

    private FlinkClusterClasspath() {}

    static List<Path> jars() {
        List<String> lines = resourceLines();
        List<String> entries = new ArrayList<>();
        Set<Path> repositories = new LinkedHashSet<>();
        repositories.add(MavenRepository.local());
        for (String line : lines) {
            if (line.startsWith(REPOSITORY_HEADER)) {
                repositories.add(
                        Path.of(line.substring(REPOSITORY_HEADER.length()).strip()));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                entries.add(line.strip());
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no jars; rebuild the devstack module");
        }
        List<Path> missing = List.of();
        for (Path repository : repositories) {
            List<Path> jars = entries.stream().map(e -> repository.resolve(e)).toList();
            List<Path> absent =
                    jars.stream().filter(j -> !Files.isRegularFile(j)).toList();
            if (absent.isEmpty()) {
                return jars;
            }
            if (missing.isEmpty() || absent.size() < missing.size()) {
                missing = absent;
            }
        }
        throw new IllegalStateException(missing.size() + " of the Flink cluster's " + entries.size()
                + " jars are missing from the local Maven repository (looked in " + repositories + "), e.g. "
                + missing.get(0) + "; fetch them with: mvn -pl devstack -am install -DskipTests");
    }

    private static List<String> resourceLines() {
        try (InputStream in = FlinkClusterClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the devstack build writes it"
                        + " (maven-antrun-plugin, generate-resources); an IDE build alone does not."
                        + " Run: mvn -pl devstack generate-resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
