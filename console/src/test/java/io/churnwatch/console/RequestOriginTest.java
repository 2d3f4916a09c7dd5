package io.churnwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

    @Test
    void aFormOfThisConsolePasses() {
        assertThat(RequestOrigin.refusal("same-origin", "http://127.0.0.1:8080", "127.0.0.1:8080"))
                .isEmpty();
        assertThat(RequestOrigin.refusal(null, "https://Console.Example.com", "console.example.com"))
                .isEmpty();
    }

    @Test
    void aScriptThatSendsNeitherHeaderPasses() {
        assertThat(RequestOrigin.refusal(null, null, "127.0.0.1:8080")).isEmpty();
        assertThat(RequestOrigin.refusal("none", null, "127.0.0.1:8080")).isEmpty();
    }

    @Test
    void aFormOnAnotherSiteIsRefusedWithTheReason() {
        assertThat(RequestOrigin.refusal("cross-site", "https://evil.example", "127.0.0.1:8080"))
                .contains("this form was sent from another site (Sec-Fetch-Site: cross-site)");
        assertThat(RequestOrigin.refusal("same-site", "https://wiki.example.com", "console.example.com"))
                .hasValueSatisfying(r -> assertThat(r).contains("same-site"));
    }

    @Test
    void anOriginOtherThanTheHostIsRefusedWhenFetchMetadataIsMissing() {
        assertThat(RequestOrigin.refusal(null, "https://evil.example", "127.0.0.1:8080"))
                .contains("this form was sent from https://evil.example, not from this console");
        assertThat(RequestOrigin.refusal(null, "http://127.0.0.1:9999", "127.0.0.1:8080"))
                .isPresent();
        assertThat(RequestOrigin.refusal(null, "null", "127.0.0.1:8080"))
                .contains("this form was sent from a page without an origin");
        assertThat(RequestOrigin.refusal(null, "not a url", "127.0.0.1:8080")).isPresent();
    }
}
