package io.churnwatch.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Server versions pinned in the root POM, copied into the jar at build time. */
public final class Versions {

    public static final String ELASTICSEARCH;
    public static final String KAFKA;
    public static final String FLINK;

    static {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties is missing from the devstack jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ELASTICSEARCH = p.getProperty("elasticsearch.version");
        KAFKA = p.getProperty("kafka.version");
        FLINK = p.getProperty("flink.version");
    }

    private Versions() {}
}
