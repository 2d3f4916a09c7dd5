package io.churnwatch.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a Prometheus endpoint serves (the text exposition format, version 0.0.4), as the samples
 * a Prometheus server would store: name, labels, value. For tests and tools that check what
 * {@link LocalFlinkCluster#metricsUrls()} really export; comments ({@code # HELP}, {@code # TYPE}) and
 * timestamps are skipped.
 */
public final class PrometheusText {

    /** One sample: {@code flink_jobmanager_numRegisteredTaskManagers{host="..."} 2.0}. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusText() {}

    /** GETs {@code url} and parses it; fails on any answer but 200. */
    public static List<Sample> scrape(String url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scraping " + url, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(l);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + l);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), unescape(label.group(2)));
                }
            }
            samples.add(new Sample(m.group(1), Map.copyOf(labels), parseValue(m.group(3))));
        }
        return samples;
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels}, if any. */
    public static Optional<Double> value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .map(Sample::value)
                .findFirst();
    }

    /** The sum over every sample named {@code name} whose labels include {@code labels}: PromQL's {@code sum}. */
    public static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    private static String unescape(String value) {
        return value.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
    }
}
