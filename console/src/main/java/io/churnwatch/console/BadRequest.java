package io.churnwatch.console;

/** A request the console refuses with 400, naming the field at fault and how to fix it. */
public final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
