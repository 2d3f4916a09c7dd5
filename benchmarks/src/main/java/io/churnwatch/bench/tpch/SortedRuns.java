package io.churnwatch.bench.tpch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * An external merge sort of {@link TpchEvent}s into event-time order with bounded memory.
 *
 * <p>Why not a priority queue over a horizon: TPC-H generates orders in order-key order, and order keys
 * are not in date order; o_orderdate is drawn uniformly over 1992-01-01..1998-08-02 for every order. A
 * parcel's events do lie within 151 days of its order date (ship 1-121 days after, received 1-30 days
 * after that), but the order dates themselves arrive in random order, so no bounded horizon sorts them.
 * Instead, runs of at most {@code runSize} events are sorted in memory and spilled (45 bytes an event),
 * then merged: memory is one run while writing and one 64 KiB buffer per run while reading.
 */
public final class SortedRuns {

    private static final int BUFFER = 1 << 16;

    private SortedRuns() {}

    /** A spilled, sorted run and how many events it holds. */
    public record Run(String path, long events) implements java.io.Serializable {
        // A String, not a Path: Flink ships the runs inside the source, and Path is not serializable.
        public Path file() {
            return Path.of(path);
        }
    }

    /** Sorts {@code events} into runs of at most {@code runSize} in {@code dir}. */
    public static List<Run> spill(Iterator<TpchEvent> events, Path dir, int runSize) throws IOException {
        Files.createDirectories(dir);
        List<Run> runs = new ArrayList<>();
        List<TpchEvent> buffer = new ArrayList<>(runSize);
        while (events.hasNext()) {
            buffer.add(events.next());
            if (buffer.size() == runSize) {
                runs.add(write(buffer, dir.resolve(String.format("run-%04d.bin", runs.size()))));
                buffer.clear();
            }
        }
        if (!buffer.isEmpty()) {
            runs.add(write(buffer, dir.resolve(String.format("run-%04d.bin", runs.size()))));
        }
        return runs;
    }

    private static Run write(List<TpchEvent> buffer, Path file) throws IOException {
        buffer.sort(TpchEvent.EVENT_TIME_ORDER);
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            for (TpchEvent e : buffer) {
                e.writeTo(out);
            }
        }
        return new Run(file.toString(), buffer.size());
    }

    /** The runs merged into one event-time ordered sequence; close it to release the files. */
    public static Merge merge(List<Run> runs) throws IOException {
        return new Merge(runs);
    }

    /** The k-way merge: the run with the earliest head is read next. */
    public static final class Merge implements Iterator<TpchEvent>, Closeable {
        private final PriorityQueue<Reader> heads =
                new PriorityQueue<>((a, b) -> TpchEvent.EVENT_TIME_ORDER.compare(a.head, b.head));
        private final List<Reader> open = new ArrayList<>();

        Merge(List<Run> runs) throws IOException {
            try {
                for (Run run : runs) {
                    Reader r = new Reader(run);
                    open.add(r);
                    if (r.advance()) {
                        heads.add(r);
                    }
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public TpchEvent next() {
            Reader r = heads.poll();
            if (r == null) {
                throw new NoSuchElementException();
            }
            TpchEvent e = r.head;
            try {
                if (r.advance()) {
                    heads.add(r);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return e;
        }

        @Override
        public void close() throws IOException {
            for (Reader r : open) {
                r.in.close();
            }
            heads.clear();
        }
    }

    private static final class Reader {
        final DataInputStream in;
        long remaining;
        TpchEvent head;

        Reader(Run run) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run.file()), BUFFER));
            remaining = run.events();
        }

        boolean advance() throws IOException {
            if (remaining == 0) {
                head = null;
                return false;
            }
            remaining--;
            head = TpchEvent.readFrom(in);
            return true;
        }
    }
}
