package io.churnwatch.jobs.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a rules document (YAML, or JSON, which YAML includes) into validated {@link ChurnRules}.
 *
 * <p>Unknown keys are errors rather than ignored, so a typo in a live rule update is rejected instead of
 * silently leaving a default in force.
 */
public final class RulesParser {

    public static final String DEFAULT_RULES_RESOURCE = "/rules/default-rules.yaml";

    private static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RulesParser() {}

    public static ChurnRules parse(String document) throws InvalidRulesException {
        if (document == null || document.isBlank()) {
            throw new InvalidRulesException(List.of("the rules document is empty"));
        }
        ChurnRules rules;
        try {
            rules = MAPPER.readValue(document, ChurnRules.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRulesException(List.of(describe(e)));
        }
        List<String> problems = RulesValidator.problems(rules);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(problems);
        }
        return rules;
    }

    /** The documented defaults shipped in the jar. */
    public static String defaultDocument() {
        try (InputStream in = RulesParser.class.getResourceAsStream(DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RULES_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChurnRules defaults() {
        try {
            return parse(defaultDocument());
        } catch (InvalidRulesException e) {
            throw new IllegalStateException("the shipped default rules are invalid: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonProcessingException e) {
        // Jackson's own message embeds the whole source; the path and the short cause are what a person needs.
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                ? mapping.getPathReference()
                : "";
        String location = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        String where = path.isEmpty() ? "" : " at " + path.replace("io.churnwatch.jobs.rules.", "");
        return e.getOriginalMessage() + where + location;
    }
}
