package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @Test
    void aUserLogsInWithTheirPasswordAndNotWithAnother(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        UsersFile.add(file, "maria", Role.AGENT, "a long enough password".toCharArray());

        UsersFile users = UsersFile.load(file);

        assertThat(users.authenticate("maria", "a long enough password".toCharArray()))
                .contains(new UsersFile.User("maria", Role.AGENT));
        assertThat(users.authenticate("maria", "a long enough passworD".toCharArray()))
                .isEmpty();
        assertThat(users.authenticate("nobody", "a long enough password".toCharArray()))
                .isEmpty();
        String text = Files.readString(file);
        assertThat(text).startsWith("maria:agent:$2a$12$").doesNotContain("a long enough password");
    }

    @Test
    void addingAUserAgainReplacesTheirLineWithAFreshSalt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        UsersFile.add(file, "maria", Role.AGENT, "a long enough password".toCharArray());
        String first = Files.readString(file);

        UsersFile.add(file, "maria", Role.ADMIN, "a long enough password".toCharArray());

        assertThat(Files.readAllLines(file))
                .hasSize(1)
                .allSatisfy(l -> assertThat(l).startsWith("maria:admin:"));
        assertThat(Files.readString(file)).isNotEqualTo(first);
    }

    @Test
    void badLinesAreNamedByLine() {
        assertThatThrownBy(() -> UsersFile.parse(List.of("# users", "maria:agent:plaintext"), "users.txt"))
                .hasMessage(
                        "users.txt line 2: the password of maria is not a bcrypt hash (make one with churnwatch console users add)");
        assertThatThrownBy(() -> UsersFile.parse(List.of("maria:boss:$2a$12$x"), "users.txt"))
                .hasMessage("users.txt line 1: unknown role 'boss' (known: viewer, agent, admin)");
        assertThatThrownBy(() -> UsersFile.line("maria", Role.AGENT, "short".toCharArray()))
                .hasMessage("a console password needs at least 12 characters");
    }

    @Test
    void aProxyNamedUserGetsTheirListedRoleOrViewer() {
        UsersFile users = UsersFile.of(UsersFile.line("ada", Role.ADMIN, "a long enough password".toCharArray()));

        assertThat(users.trusted("ada").role()).isEqualTo(Role.ADMIN);
        assertThat(users.trusted("someone").role()).isEqualTo(Role.VIEWER);
    }
}
