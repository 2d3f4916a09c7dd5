package io.churnwatch.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Elasticsearch refuses to run as root. When this JVM is root, its files are handed to
 * {@code nobody:nogroup} and it is started through {@code setpriv}; otherwise nothing changes.
 */
final class UnprivilegedUser {

    static final String USER = "nobody";
    static final String GROUP = "nogroup";

    private UnprivilegedUser() {}

    static boolean needed() {
        return "root".equals(System.getProperty("user.name"));
    }

    static List<String> wrap(List<String> command) {
        if (!needed()) {
            return command;
        }
        List<String> wrapped =
                new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + GROUP, "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes {@code dir} and everything below it owned by the unprivileged user, if there is one. */
    static void handOver(Path dir) {
        if (!needed()) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(GROUP);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot hand " + dir + " over to " + USER + ":" + GROUP + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the unprivileged user can reach {@code dir}: every ancestor must be searchable by
     * others. {@code /root} usually is not, which is why the default cache moves when run as root.
     */
    static boolean canReach(Path dir) {
        if (!needed()) {
            return true;
        }
        try {
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
