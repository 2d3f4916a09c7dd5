package io.churnwatch.devstack;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine. */
public final class Docker {

    private Docker() {}

    public static boolean available() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
