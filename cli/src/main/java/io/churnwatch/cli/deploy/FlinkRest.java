package io.churnwatch.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Flink's documented REST API, the calls a deployment needs: upload a job jar ({@code POST
 * /jars/upload}), run it ({@code POST /jars/:id/run}), list jobs ({@code GET /jobs/overview}) and
 * watch one ({@code GET /jobs/:id}). Every failure says which call failed and what Flink answered
 * (its {@code errors} list), so a bad job argument reads as the job's own usage message.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final String baseUrl;
    private final HttpClient http;

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A job as {@code /jobs/overview} lists it. */
    public record Job(String id, String name, String state) {}

    /** Uploads a jar and returns the id the run call takes. */
    public String upload(Path jar) {
        String boundary = "churnwatch-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                            + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(jar));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FlinkRestException("cannot read job jar " + jar + ": " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        String filename =
                call("upload " + jar.getFileName(), request).path("filename").asText();
        if (filename.isEmpty()) {
            throw new FlinkRestException("upload " + jar.getFileName() + ": Flink answered without a jar id");
        }
        return Path.of(filename).getFileName().toString();
    }

    /**
     * Runs an uploaded jar and returns the job id.
     *
     * @param parallelism null for the cluster's default
     * @param savepointPath null to start without state; state that does not match the job fails the
     *     run (non-restored state is never allowed silently)
     */
    public String run(String jarId, String entryClass, List<String> args, Integer parallelism, String savepointPath) {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", args);
        if (parallelism != null) {
            body.put("parallelism", parallelism);
        }
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", false);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/" + jarId + "/run"))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return call("run " + entryClass, request).path("jobid").asText();
    }

    public List<Job> jobs() {
        JsonNode answer = call("list jobs", get("/jobs/overview"));
        List<Job> jobs = new ArrayList<>();
        answer.path("jobs")
                .forEach(j -> jobs.add(new Job(
                        j.path("jid").asText(),
                        j.path("name").asText(),
                        j.path("state").asText())));
        return jobs;
    }

    /** The job's state, e.g. {@code RUNNING}, {@code FAILED}. */
    public String state(String jobId) {
        return call("job " + jobId, get("/jobs/" + jobId)).path("state").asText();
    }

    /**
     * Stops a job with a savepoint ({@code POST /jobs/:id/stop}, without draining: a drain would be
     * an end of input, which fires every pending deadline) and returns the savepoint's location once
     * Flink says it is complete.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "/stop"))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        String trigger = call("stop job " + jobId + " with a savepoint", request)
                .path("request-id")
                .asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = call("savepoint of job " + jobId, get("/jobs/" + jobId + "/savepoints/" + trigger));
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new FlinkRestException("savepoint of job " + jobId + " failed: "
                            + rootCause(operation
                                    .path("failure-cause")
                                    .path("stack-trace")
                                    .asText(operation.path("failure-cause").toString())));
                }
                return operation.path("location").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new FlinkRestException("savepoint of job " + jobId + " not complete after " + timeout);
            }
            pause();
        }
    }

    /** Cancels a job ({@code PATCH /jobs/:id?mode=cancel}) and waits until Flink says it is CANCELED. */
    public void cancel(String jobId, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(CALL_TIMEOUT)
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build();
        call("cancel job " + jobId, request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"CANCELED".equals(state(jobId))) {
            if (System.nanoTime() > deadline) {
                throw new FlinkRestException("job " + jobId + " is still " + state(jobId) + " after " + timeout);
            }
            pause();
        }
    }

    /**
     * Each operator chain's current input watermark per subtask ({@code GET
     * /jobs/:id/vertices/:vid/watermarks}), by vertex name: where a job that emits nothing is stuck.
     */
    public Map<String, List<String>> watermarks(String jobId) {
        Map<String, List<String>> watermarks = new LinkedHashMap<>();
        for (JsonNode vertex : call("job " + jobId, get("/jobs/" + jobId)).path("vertices")) {
            List<String> values = new ArrayList<>();
            call(
                            "watermarks of " + vertex.path("name").asText(),
                            get("/jobs/" + jobId + "/vertices/"
                                    + vertex.path("id").asText() + "/watermarks"))
                    .forEach(w -> values.add(
                            w.path("id").asText() + "=" + w.path("value").asText()));
            watermarks.put(vertex.path("name").asText(), values);
        }
        return watermarks;
    }

    /**
     * One line on how a job is doing, for a person or a failure message: its state, restarts,
     * checkpoints completed / failed / in progress, the last checkpoint failure, and the newest
     * exception of {@code /jobs/:id/exceptions} with its root cause; restores from a checkpoint count
     * the job's restarts.
     */
    public String health(String jobId) {
        JsonNode job = call("job " + jobId, get("/jobs/" + jobId));
        JsonNode counts = call("checkpoints of job " + jobId, get("/jobs/" + jobId + "/checkpoints"))
                .path("counts");
        JsonNode history = call("exceptions of job " + jobId, get("/jobs/" + jobId + "/exceptions"))
                .path("exceptionHistory")
                .path("entries");
        StringBuilder health = new StringBuilder(job.path("name").asText())
                .append(' ')
                .append(job.path("state").asText())
                .append(", checkpoints completed ")
                .append(counts.path("completed").asLong())
                .append(" failed ")
                .append(counts.path("failed").asLong())
                .append(" in progress ")
                .append(counts.path("in_progress").asLong())
                .append(", restored from a checkpoint ")
                .append(counts.path("restored").asLong())
                .append(" times, exceptions ")
                .append(history.size());
        if (!history.isEmpty()) {
            health.append(", newest exception: ")
                    .append(rootCause(history.get(0).path("stacktrace").asText()));
        }
        return health.toString();
    }

    /** Where the job's state was restored from, or empty when it started without state. */
    public String restoredFrom(String jobId) {
        return call("checkpoints of job " + jobId, get("/jobs/" + jobId + "/checkpoints"))
                .path("latest")
                .path("restored")
                .path("external_path")
                .asText();
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException("interrupted", e);
        }
    }

    /** Registered TaskManagers, from {@code /overview}: a quick check that the cluster is up. */
    public int taskManagers() {
        return call("overview", get("/overview")).path("taskmanagers").asInt();
    }

    /**
     * Flink answers a failed run with the JobManager's whole stack trace; the last "Caused by" is
     * what a person needs (for a bad job argument, the job's own usage message), with the lines
     * that follow it up to the first stack frame.
     */
    static String rootCause(String error) {
        String[] lines = error.split("\\R");
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Caused by: ")) {
                start = i;
            }
        }
        StringBuilder cause = new StringBuilder(lines[start].replaceFirst("^Caused by: ", ""));
        for (int i = start + 1;
                i < lines.length
                        && !lines[i].startsWith("\tat ")
                        && !lines[i].startsWith("Caused by: ")
                        && !lines[i].matches("\\s*\\.\\.\\. \\d+ more");
                i++) {
            cause.append('\n').append(lines[i]);
        }
        return cause.toString().strip();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(CALL_TIMEOUT)
                .GET()
                .build();
    }

    private JsonNode call(String what, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new FlinkRestException(
                    what + ": no Flink cluster answers at " + baseUrl
                            + " (is it running? is --flink the JobManager's REST address?)",
                    e);
        } catch (IOException e) {
            throw new FlinkRestException(what + ": " + baseUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlinkRestException(what + ": interrupted", e);
        }
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FlinkRestException(what + ": HTTP " + response.statusCode() + " with a body that is not JSON");
        }
        if (response.statusCode() >= 400) {
            List<String> errors = new ArrayList<>();
            answer.path("errors").forEach(err -> errors.add(rootCause(err.asText())));
            throw new FlinkRestException(what + " failed (HTTP " + response.statusCode() + "): "
                    + (errors.isEmpty() ? response.body() : String.join("\n", errors)));
        }
        return answer;
    }
}
