package io.churnwatch.console;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The console's users: one line each, {@code name:role:bcrypt-hash}, like an htpasswd file with a
 * role; {@code #} starts a comment. Written by {@code churnwatch console users add}. Passwords are
 * only ever compared through bcrypt; a hash never leaves this class.
 */
public final class UsersFile {

    /** bcrypt's cost: 2^12 rounds, about a quarter of a second per check on a laptop core. */
    public static final int COST = 12;

    static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A user as the console knows them after login: name and role, never the hash. */
    public record User(String name, Role role) {}

    private record Entry(Role role, String hash) {}

    private final Map<String, Entry> users;
    // Compared against when the name is unknown, so a wrong name costs as long as a wrong password.
    private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(COST, "not-a-user".toCharArray());

    private UsersFile(Map<String, Entry> users) {
        this.users = users;
    }

    public static UsersFile empty() {
        return new UsersFile(new LinkedHashMap<>());
    }

    /** Users from lines in the file's format, e.g. made with {@link #line}. */
    public static UsersFile of(String... lines) {
        return parse(List.of(lines), "users");
    }

    public static UsersFile load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
    }

    static UsersFile parse(List<String> lines, String source) {
        Map<String, Entry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException(where + ": expected name:role:bcrypt-hash");
            }
            if (!USER_NAME.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException(
                        where + ": user name '" + parts[0] + "' must be lower-case letters, digits, '.', '_' or '-'");
            }
            if (!parts[2].startsWith("$2")) {
                throw new IllegalArgumentException(where + ": the password of " + parts[0]
                        + " is not a bcrypt hash (make one with churnwatch console users add)");
            }
            if (users.put(parts[0], new Entry(Role.parse(parts[1], where), parts[2])) != null) {
                throw new IllegalArgumentException(where + ": user " + parts[0] + " is listed twice");
            }
        }
        return new UsersFile(users);
    }

    /** The user, if the name is known and the password matches its hash. */
    public Optional<User> authenticate(String name, char[] password) {
        Entry entry = name == null ? null : users.get(name);
        String hash = entry == null ? DUMMY_HASH : entry.hash();
        boolean ok = BCrypt.verifyer().verify(password, hash).verified;
        return ok && entry != null ? Optional.of(new User(name, entry.role())) : Optional.empty();
    }

    /** A user named by a trusted proxy: their role from this file, viewer when not listed. */
    public User trusted(String name) {
        Entry entry = users.get(name);
        return new User(name, entry == null ? Role.VIEWER : entry.role());
    }

    public int size() {
        return users.size();
    }

    public List<String> names() {
        return new ArrayList<>(users.keySet());
    }

    /** One line of the file for a new user, the password hashed with a fresh salt. */
    public static String line(String name, Role role, char[] password) {
        if (!USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "user name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        if (password.length < 12) {
            throw new IllegalArgumentException("a console password needs at least 12 characters");
        }
        return name + ":" + role.label() + ":" + BCrypt.withDefaults().hashToString(COST, password);
    }

    /** Adds (or replaces) a user in a users file, creating it if needed. */
    public static void add(Path file, String name, Role role, char[] password) throws IOException {
        String line = line(name, role, password);
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        lines.removeIf(l -> l.strip().startsWith(name + ":"));
        lines.add(line);
        parse(lines, file.toString());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
