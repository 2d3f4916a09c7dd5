package io.churnwatch.jobs.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Each subtask writes its replay results to its own local file, {@code part-<subtask>.tsv}, which
 * the replay merges and sorts once the job has finished.
 *
 * <p>Why not {@code executeAndCollect}: on a local MiniCluster that shuts down when the job ends,
 * the collect sink can lose its last results ("Failed to get job status so we assume that the job
 * has terminated. Some data might be lost."). A replay runs on the embedded MiniCluster, so the
 * part files are on this machine's disk; the job is bounded and needs no checkpoints.
 */
final class PartFileSink implements Sink<ReplayJob.Tagged> {

    private static final long serialVersionUID = 1L;

    private final String directory;

    PartFileSink(Path directory) {
        this.directory = directory.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<ReplayJob.Tagged> createWriter(WriterInitContext context) throws IOException {
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return new Writer(
                Files.newBufferedWriter(Path.of(directory, "part-" + subtask + ".tsv"), StandardCharsets.UTF_8));
    }

    private static final class Writer implements SinkWriter<ReplayJob.Tagged> {
        private final BufferedWriter out;

        Writer(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void write(ReplayJob.Tagged t, Context context) throws IOException {
            out.write(t.toTsv());
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads back every part file of {@code directory}. */
    static java.util.List<ReplayJob.Tagged> readAll(Path directory) throws IOException {
        java.util.List<ReplayJob.Tagged> all = new java.util.ArrayList<>();
        try (var parts = Files.newDirectoryStream(directory, "part-*.tsv")) {
            for (Path part : parts) {
                try (var lines = Files.lines(part, StandardCharsets.UTF_8)) {
                    lines.map(ReplayJob.Tagged::fromTsv).forEach(all::add);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        return all;
    }
}
