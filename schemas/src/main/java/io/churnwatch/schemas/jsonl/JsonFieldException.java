package io.churnwatch.schemas.jsonl;

/** A value that does not fit its Avro field; the line reader adds the line number. */
final class JsonFieldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;
    private final boolean problemNamesField;

    JsonFieldException(String path, String problem, boolean problemNamesField) {
        super(problemNamesField ? problem : "field '" + path + "': " + problem);
        this.path = path;
        this.problem = problem;
        this.problemNamesField = problemNamesField;
    }

    static JsonFieldException at(String path, String problem) {
        return new JsonFieldException(path, problem, false);
    }

    String path() {
        return path;
    }

    String problem() {
        return problem;
    }

    boolean problemNamesField() {
        return problemNamesField;
    }
}
