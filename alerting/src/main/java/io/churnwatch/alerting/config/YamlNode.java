package io.churnwatch.alerting.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One node of a {@link YamlTree} that knows its path and line, for messages like "route.receiver ... at line 7". */
public final class YamlNode {
    private final JsonNode node;
    private final String path;
    private final YamlTree tree;

    YamlNode(JsonNode node, String path, YamlTree tree) {
        this.node = node;
        this.path = path;
        this.tree = tree;
    }

    public String path() {
        return path.isEmpty() ? "<root>" : path;
    }

    public int line() {
        return tree.lineOf(path);
    }

    public String at(String message) {
        return message + " at line " + line();
    }

    public boolean isMissing() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    public boolean isObject() {
        return node != null && node.isObject();
    }

    public boolean has(String name) {
        return !child(name).isMissing();
    }

    public YamlNode child(String name) {
        JsonNode c = node == null ? null : node.get(name);
        return new YamlNode(c, path.isEmpty() ? name : path + "." + name, tree);
    }

    public List<YamlNode> elements(Problems problems) {
        List<YamlNode> out = new ArrayList<>();
        if (isMissing()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(this, path() + " must be a list");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]", tree));
        }
        return out;
    }

    /** Reports keys a reader does not know, which are almost always typos ({@code recevier}). */
    public void allowOnly(Problems problems, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(
                        child(name),
                        child(name).path() + " is not a known key (known: " + String.join(", ", new TreeSet<>(known))
                                + ")");
            }
        }
    }

    public Optional<String> text() {
        if (isMissing()) {
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    public Optional<String> optString(String name) {
        return child(name).text();
    }

    public String string(Problems problems, String name) {
        YamlNode c = child(name);
        if (c.isMissing() || c.node.asText().isBlank()) {
            problems.add(this, c.path() + " is required");
            return "";
        }
        return c.node.asText();
    }

    public boolean bool(Problems problems, String name, boolean dflt) {
        YamlNode c = child(name);
        if (c.isMissing()) {
            return dflt;
        }
        if (!c.node.isBoolean()) {
            problems.add(c, c.path() + " must be true or false, not \"" + c.node.asText() + "\"");
            return dflt;
        }
        return c.node.booleanValue();
    }

    public Optional<Double> optNumber(Problems problems, String name) {
        YamlNode c = child(name);
        if (c.isMissing()) {
            return Optional.empty();
        }
        if (!c.node.isNumber()) {
            problems.add(c, c.path() + " must be a number, not \"" + c.node.asText() + "\"");
            return Optional.empty();
        }
        return Optional.of(c.node.doubleValue());
    }

    public Optional<Duration> optDuration(Problems problems, String name) {
        YamlNode c = child(name);
        if (c.isMissing()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(c.node.asText()));
        } catch (IllegalArgumentException e) {
            problems.add(c, c.path() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    public List<String> strings(Problems problems, String name) {
        List<String> out = new ArrayList<>();
        YamlNode c = child(name);
        for (YamlNode e : c.elements(problems)) {
            out.add(e.node.asText());
        }
        return out;
    }
}
