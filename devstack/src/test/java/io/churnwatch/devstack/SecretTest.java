package io.churnwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

    @Test
    void printsAsPlaceholderNotAsItsValue() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret).hasToString("<secret>");
        assertThat(secret.reveal()).isEqualTo("hunter2");
    }

    @Test
    void readsTheFileNamedByTheFileVariableWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "s3cret\n");

        assertThat(Secret.fromEnvironment(Map.of("PASSWORD_FILE", file.toString()), "PASSWORD"))
                .hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("s3cret"));
    }

    @Test
    void isAbsentWhenNeitherVariableIsSet() {
        assertThat(Secret.fromEnvironment(Map.of(), "PASSWORD")).isEmpty();
    }

    @Test
    void refusesBothTheValueAndAFile() {
        assertThatThrownBy(() -> Secret.fromEnvironment(Map.of("PASSWORD", "a", "PASSWORD_FILE", "/x"), "PASSWORD"))
                .hasMessage("both PASSWORD and PASSWORD_FILE are set; set only one of them");
    }

    @Test
    void namesTheUnreadableFileButNotItsContent(@TempDir Path dir) {
        String missing = dir.resolve("missing").toString();

        assertThatThrownBy(() -> Secret.fromEnvironment(Map.of("PASSWORD_FILE", missing), "PASSWORD"))
                .hasMessageStartingWith("PASSWORD_FILE points to " + missing + ", which cannot be read");
    }
}
