package io.churnwatch.alerting.route;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher in Alertmanager syntax: {@code severity="CRITICAL"}, {@code tier!="BASIC"},
 * {@code region=~"eu-.*"}, {@code kind!~"TICKET_.*"}. Regexes are anchored, as in Alertmanager; a
 * missing label matches as the empty string.
 */
public final class Matcher implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern SYNTAX =
            Pattern.compile("^\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

    public enum Type {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String op;

        Type(String op) {
            this.op = op;
        }

        public String op() {
            return op;
        }

        static Type of(String op) {
            for (Type t : values()) {
                if (t.op.equals(op)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(op);
        }
    }

    private final String name;
    private final Type type;
    private final String value;
    private transient Pattern pattern;

    public Matcher(String name, Type type, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        this.pattern = compile();
    }

    /** Parses {@code name<op>"value"}; throws IllegalArgumentException saying what is wrong. */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a matcher (use name=\"value\", !=, =~ or !~)");
        }
        String value = m.group(3);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        // A stray quote means a typo such as severity=="CRITICAL"; matching on it would silently never match.
        if (value.contains("\"")) {
            throw new IllegalArgumentException("\"" + text + "\" is not a matcher (use name=\"value\", !=, =~ or !~)");
        }
        return new Matcher(m.group(1), Type.of(m.group(2)), value);
    }

    private Pattern compile() {
        if (type == Type.REGEX || type == Type.NOT_REGEX) {
            try {
                return Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("\"" + value + "\" is not a valid regex: " + e.getDescription());
            }
        }
        return null;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (type) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern().matcher(actual).matches();
            case NOT_REGEX -> !pattern().matcher(actual).matches();
        };
    }

    public static boolean all(Iterable<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    // The compiled pattern is transient so that checkpointed state carries only the text.
    private Pattern pattern() {
        if (pattern == null) {
            pattern = compile();
        }
        return pattern;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && name.equals(m.name) && type == m.type && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + type.op + "\"" + value + "\"";
    }
}
