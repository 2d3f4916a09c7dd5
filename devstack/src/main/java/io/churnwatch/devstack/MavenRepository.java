package io.churnwatch.devstack;

import java.nio.file.Path;

/** The local Maven repository, where this module's build left the servers' artifacts. */
final class MavenRepository {

    private MavenRepository() {}

    /** {@code maven.repo.local} if set (Maven passes it on to test JVMs), else {@code ~/.m2/repository}. */
    static Path local() {
        String repo = System.getProperty("maven.repo.local");
        return repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
