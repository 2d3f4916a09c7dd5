package io.churnwatch.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch server, unpacked once from the integ-test zip in the local Maven repository
 * (the devstack POM declares the zip, so any build fetches it) into a cache directory that later
 * runs reuse: unpacking 107 MB on every start would cost more than the server takes to start.
 *
 * <p>Lookup order for the zip: system property {@code churnwatch.elasticsearch.zip}, env
 * {@code CHURNWATCH_ES_ZIP}, then the local repository ({@code maven.repo.local} or
 * {@code ~/.m2/repository}). For the cache: {@code churnwatch.cache.dir}, env
 * {@code CHURNWATCH_CACHE_DIR}, then {@code ~/.cache/churnwatch}.
 */
public final class ElasticsearchDistribution {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchDistribution.class);

    // When root runs this, the server runs as nobody, who cannot enter a 0700 /root.
    private static final Path SHARED_CACHE = Path.of("/var/tmp/churnwatch");

    private final Path home;
    private final String version;

    private ElasticsearchDistribution(Path home, String version) {
        this.home = home;
        this.version = version;
    }

    /** The pinned version, unpacked if this is the first run on this machine. */
    public static ElasticsearchDistribution install() {
        return install(Versions.ELASTICSEARCH, System.getenv());
    }

    static synchronized ElasticsearchDistribution install(String version, Map<String, String> env) {
        Path cache = cacheDir(env);
        Path home = cache.resolve("elasticsearch-" + version);
        if (!Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            unpack(zip(version, env), cache, home);
        }
        return new ElasticsearchDistribution(home, version);
    }

    /** The zip in the local Maven repository (or where the override says). */
    public static Path zip(String version, Map<String, String> env) {
        String override = firstSet(System.getProperty("churnwatch.elasticsearch.zip"), env.get("CHURNWATCH_ES_ZIP"));
        Path zip = override != null
                ? Path.of(override)
                : MavenRepository.local()
                        .resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch")
                        .resolve(version)
                        .resolve("elasticsearch-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Elasticsearch " + version + " zip not found at " + zip
                    + "; fetch it with: mvn dependency:get -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                    + version + ":zip (any build of the devstack module does this), or set CHURNWATCH_ES_ZIP");
        }
        return zip;
    }

    static Path cacheDir(Map<String, String> env) {
        String override = firstSet(System.getProperty("churnwatch.cache.dir"), env.get("CHURNWATCH_CACHE_DIR"));
        if (override != null) {
            return Path.of(override).toAbsolutePath();
        }
        Path inHome = Path.of(System.getProperty("user.home"), ".cache", "churnwatch");
        if (UnprivilegedUser.canReach(inHome)) {
            return inHome;
        }
        LOG.debug(
                "{} is not reachable by {}, caching Elasticsearch in {}", inHome, UnprivilegedUser.USER, SHARED_CACHE);
        return SHARED_CACHE;
    }

    // Unpacked next to its final place and renamed in one step, so a JVM that starts at the same
    // time, or a run killed halfway, never sees a half-written distribution.
    private static void unpack(Path zip, Path cache, Path home) {
        long started = System.nanoTime();
        LOG.info("Unpacking {} into {} (once per machine)", zip.getFileName(), home);
        try {
            Files.createDirectories(cache);
            Path partial = Files.createTempDirectory(cache, home.getFileName() + ".partial-");
            try {
                Path unpacked = extract(zip, partial);
                UnprivilegedUser.handOver(unpacked);
                try {
                    Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    LOG.debug("another process unpacked {} first", home);
                } catch (IOException e) {
                    if (!Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
                        throw e;
                    }
                }
            } finally {
                WorkDirectories.deleteRecursively(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + cache + ": " + e.getMessage(), e);
        }
        LOG.info("Unpacked Elasticsearch in {} s", Seconds.since(started));
    }

    /** Returns the single top-level directory of the zip, extracted below {@code target}. */
    private static Path extract(Path zip, Path target) throws IOException {
        Path top = null;
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target) || out.equals(target)) {
                    throw new IOException("zip entry " + entry.getName() + " points outside the target directory");
                }
                if (top == null) {
                    top = target.resolve(target.relativize(out).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zipFile.getInputStream(entry)) {
                    Files.copy(in, out);
                }
            }
        }
        if (top == null) {
            throw new IOException(zip + " is empty");
        }
        markScriptsExecutable(top.resolve("bin"));
        return top;
    }

    // java.util.zip drops the Unix modes stored in the zip; the launch scripts need their x bit.
    private static void markScriptsExecutable(Path bin) throws IOException {
        try (var scripts = Files.list(bin)) {
            for (Path script : (Iterable<Path>) scripts::iterator) {
                String name = script.getFileName().toString();
                if (!name.endsWith(".bat") && !name.endsWith(".exe")) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    public Path home() {
        return home;
    }

    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return "Elasticsearch " + version + " in " + home;
    }
}
