package io.churnwatch.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where local servers keep their data: one fresh directory per server, deleted when it stops.
 *
 * <p>A JVM that is killed (an IDE's stop button, a fork timeout) runs no shutdown hook, so each
 * directory records the JVM that owns it and the server processes it started. The next
 * {@link #create} stops such orphaned servers and deletes the directories of owners that are gone.
 */
final class WorkDirectories {

    private static final Logger LOG = LoggerFactory.getLogger(WorkDirectories.class);

    /** Set by the build to {@code target/devstack}, so a failed run leaves its logs inside the project. */
    static final String HOME_PROPERTY = "churnwatch.devstack.home";

    private static final String OWNER_FILE = ".owner.pid";
    private static final String SERVER_FILE = ".server.pid";

    private WorkDirectories() {}

    static Path create(String prefix) {
        return create(Path.of(System.getProperty(HOME_PROPERTY, System.getProperty("java.io.tmpdir"))), prefix);
    }

    static Path create(Path root, String prefix) {
        try {
            root = root.toAbsolutePath();
            Files.createDirectories(root);
            sweepOrphans(root);
            Path dir = Files.createTempDirectory(root, prefix);
            Files.writeString(dir.resolve(OWNER_FILE), identity(ProcessHandle.current()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for " + prefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records a server process started in {@code dir}, so that a later sweep can stop it. Called
     * once per process where a server is several (a Flink JobManager and its TaskManagers): each
     * call adds a line.
     */
    static void recordServer(Path dir, ProcessHandle server) {
        try {
            Files.writeString(
                    dir.resolve(SERVER_FILE),
                    identity(server) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(SERVER_FILE) + ": " + e.getMessage(), e);
        }
    }

    private static void sweepOrphans(Path root) throws IOException {
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(d -> Files.isRegularFile(d.resolve(OWNER_FILE))).toList();
        }
        for (Path dir : dirs) {
            try {
                if (running(dir.resolve(OWNER_FILE)).isPresent()) {
                    continue;
                }
                List<ProcessHandle> servers = runningServers(dir.resolve(SERVER_FILE));
                if (!servers.isEmpty()) {
                    LOG.info(
                            "Stopping server processes {} left behind by a JVM that died ({})",
                            servers.stream().map(ProcessHandle::pid).toList(),
                            dir);
                    ProcessTree.stopAll(servers, Duration.ofSeconds(10));
                }
                deleteRecursively(dir);
                LOG.info("Deleted {}, left behind by a JVM that died", dir);
            } catch (RuntimeException | IOException e) {
                // Someone else's leftovers must not stop this server from starting.
                LOG.warn("Not cleaning up {}: {}", dir, e.toString());
            }
        }
    }

    // pid plus start time: a pid alone may have been reused by an unrelated process.
    private static String identity(ProcessHandle p) {
        return p.pid() + " " + p.info().startInstant().map(Instant::toString).orElse("?");
    }

    /** The recorded process if it still runs; empty if it is gone or nothing was recorded. */
    private static Optional<ProcessHandle> running(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        return running(pidFile, Files.readString(pidFile).strip());
    }

    /** The recorded server processes that still run, one line each. */
    private static List<ProcessHandle> runningServers(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return List.of();
        }
        List<ProcessHandle> servers = new ArrayList<>();
        for (String line : Files.readAllLines(pidFile)) {
            if (!line.isBlank()) {
                running(pidFile, line.strip()).ifPresent(servers::add);
            }
        }
        return servers;
    }

    private static Optional<ProcessHandle> running(Path pidFile, String recorded) throws IOException {
        String[] parts = recorded.split(" ");
        if (parts.length != 2 || parts[0].isEmpty() || !parts[0].chars().allMatch(Character::isDigit)) {
            // Still being written, or not ours: never act on a guess.
            throw new IOException(pidFile + " holds \"" + recorded + "\", not \"<pid> <start time>\"");
        }
        return ProcessHandle.of(Long.parseLong(parts[0]))
                .filter(ProcessHandle::isAlive)
                .filter(p -> identity(p).equals(recorded));
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // A server may remove its own lock or temp file while we walk.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
