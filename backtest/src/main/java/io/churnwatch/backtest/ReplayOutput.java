package io.churnwatch.backtest;

import io.churnwatch.events.ChurnAlert;
import io.churnwatch.events.Incident;
import io.churnwatch.jobs.replay.ReplayJob;
import io.churnwatch.schemas.jsonl.AvroJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** What a replay wrote: incidents and alert state changes, read back from its output folder. */
public record ReplayOutput(List<Incident> incidents, List<ChurnAlert> alerts) {

    public static ReplayOutput read(Path dir) throws IOException {
        return new ReplayOutput(
                read(dir.resolve(ReplayJob.INCIDENTS_FILE), Incident.class),
                read(dir.resolve(ReplayJob.ALERTS_FILE), ChurnAlert.class));
    }

    /** The latest revision of each incident. */
    public List<Incident> latestIncidents() {
        Map<String, Incident> latest = new LinkedHashMap<>();
        for (Incident i : incidents) {
            latest.merge(i.getIncidentId(), i, (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(Incident::getIncidentId))
                .toList();
    }

    private static <T extends SpecificRecord> List<T> read(Path file, Class<T> type) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank())
                    .map(l -> AvroJson.fromJson(l, type))
                    .toList();
        }
    }
}
