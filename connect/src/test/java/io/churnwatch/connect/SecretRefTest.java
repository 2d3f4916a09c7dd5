package io.churnwatch.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

    @TempDir
    Path dir;

    @Test
    void anEnvironmentReferenceResolvesToTheVariablesValue() {
        assertThat(SecretRef.env("TOKEN").resolve(Map.of("TOKEN", " t0ken\n")).reveal())
                .isEqualTo("t0ken");
        assertThat(SecretRef.env("TOKEN")).hasToString("env:TOKEN");
    }

    @Test
    void aFileReferenceResolvesToTheStrippedContent() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "t0ken\n");
        assertThat(SecretRef.file(file.toString()).resolve(Map.of()).reveal()).isEqualTo("t0ken");
        assertThat(SecretRef.file(file.toString())).hasToString("file:" + file);
    }

    @Test
    void aMissingSecretIsNamedByWhereItWasLookedFor() throws IOException {
        assertThatThrownBy(() -> SecretRef.env("TOKEN").resolve(Map.of()))
                .hasMessage("environment variable TOKEN is not set here; it should hold a secret");
        assertThatThrownBy(() -> SecretRef.file("/nonexistent/token").resolve(Map.of()))
                .hasMessage("cannot read secret file /nonexistent/token: NoSuchFileException");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> SecretRef.file(empty.toString()).resolve(Map.of()))
                .hasMessage("secret file " + empty + " is empty");
    }

    @Test
    void aSecretPrintsMaskedAndRedactsItselfFromText() {
        Secret secret = Secret.of("hunter2");
        assertThat(secret).hasToString("<secret>");
        assertThat(secret.redact("401: token hunter2 refused")).isEqualTo("401: token <secret> refused");
    }
}
