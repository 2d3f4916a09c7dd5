package io.churnwatch.alerting.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document as a Jackson tree plus the line of every node, keyed by path
 * ({@code route.routes[2].receiver}). Jackson's tree model drops locations, so the tree is built
 * here from the parser's tokens to let validation errors point at a line.
 */
public final class YamlTree {
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private YamlTree(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    public static YamlTree parse(Reader reader) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlTree(JsonNodeFactory.instance.objectNode(), lines);
            }
            return new YamlTree(read(parser, "", lines), lines);
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        lines.put(path, p.currentTokenLocation().getLineNr());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode node = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String childPath = path.isEmpty() ? name : path + "." + name;
                    p.nextToken();
                    node.set(name, read(p, childPath, lines));
                }
                return node;
            }
            case START_ARRAY -> {
                ArrayNode node = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    node.add(read(p, path + "[" + i++ + "]", lines));
                }
                return node;
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(p.getBooleanValue());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            default -> {
                return f.textNode(p.getText());
            }
        }
    }

    public YamlNode root() {
        return new YamlNode(root, "", this);
    }

    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return lines.getOrDefault("", 1);
            }
            p = p.substring(0, cut);
        }
    }
}
