package io.churnwatch.schemas.jsonl;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads input events from JSON Lines, one event per line; blank lines and {@code #} comments are skipped.
 *
 * <p>Strict by default: the first bad line throws a {@link JsonLinesException} naming the line and
 * field. {@link #lenient} skips bad lines instead and hands each to a callback (or collects them in
 * {@link #badLines()}), for dead-lettering. A file or byte stream is decoded line by line, so a line
 * that is not UTF-8 is one bad line like any other. Not thread-safe; iterate once.
 */
public final class JsonLinesReader implements Iterable<StreamEvent>, Closeable {

    /** Exactly one of {@code in} (text already decoded by the caller) and {@code bytes} is set. */
    private final BufferedReader in;

    private final Utf8Lines bytes;
    private final String source;
    private final EventLineParser parser = new EventLineParser();
    private final List<BadLine> badLines = new ArrayList<>();
    private Consumer<BadLine> onBadLine;
    private boolean iterated;
    private long lineNumber;

    private JsonLinesReader(Reader in, String source) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.bytes = null;
        this.source = source;
    }

    private JsonLinesReader(InputStream in, String source) {
        this.in = null;
        this.bytes = new Utf8Lines(in);
        this.source = source;
    }

    /** Reads a UTF-8 file; messages start with its file name. */
    public static JsonLinesReader open(Path file) throws IOException {
        return new JsonLinesReader(
                Files.newInputStream(file), file.getFileName().toString());
    }

    /**
     * Reads UTF-8 bytes, e.g. stdin; a line that is not UTF-8 is a bad line.
     *
     * @param source names the input in messages, e.g. a file name or "stdin"
     */
    public static JsonLinesReader of(InputStream in, String source) {
        return new JsonLinesReader(in, source);
    }

    public static JsonLinesReader of(Reader in) {
        return new JsonLinesReader(in, null);
    }

    /** @param source names the input in messages, e.g. a file name or "stdin" */
    public static JsonLinesReader of(Reader in, String source) {
        return new JsonLinesReader(in, source);
    }

    /** Every event of a file, strictly. */
    public static List<StreamEvent> readAll(Path file) throws IOException {
        try (JsonLinesReader reader = open(file)) {
            return reader.readAll();
        }
    }

    /** Skips bad lines, collecting them in {@link #badLines()}. */
    public JsonLinesReader lenient() {
        return lenient(badLine -> {});
    }

    /** Skips bad lines, passing each to {@code onBadLine} as it is met (and collecting it in {@link #badLines()}). */
    public JsonLinesReader lenient(Consumer<BadLine> onBadLine) {
        this.onBadLine = onBadLine;
        return this;
    }

    /** The lines a lenient reader skipped so far. */
    public List<BadLine> badLines() {
        return List.copyOf(badLines);
    }

    public List<StreamEvent> readAll() {
        List<StreamEvent> events = new ArrayList<>();
        forEach(events::add);
        return events;
    }

    public Stream<StreamEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    @Override
    public Iterator<StreamEvent> iterator() {
        if (iterated) {
            throw new IllegalStateException("a JsonLinesReader can be iterated only once");
        }
        iterated = true;
        return new Iterator<>() {
            private StreamEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readNext();
                }
                return next != null;
            }

            @Override
            public StreamEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StreamEvent event = next;
                next = null;
                return event;
            }
        };
    }

    private StreamEvent readNext() {
        while (true) {
            String line;
            byte[] original = null;
            String malformed = null;
            try {
                if (bytes != null) {
                    Utf8Lines.Line next = bytes.next();
                    line = next == null ? null : next.text();
                    if (next != null && next.isMalformed()) {
                        original = next.bytes();
                        malformed = next.malformed();
                    }
                } else {
                    line = in.readLine();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read " + (source == null ? "JSON Lines" : source) + " after line " + lineNumber, e);
            }
            if (line == null) {
                return null;
            }
            lineNumber++;
            try {
                if (malformed != null) {
                    throw new JsonLinesException(null, lineNumber, null, malformed, false);
                }
                Optional<StreamEvent> event = parser.parse(line, lineNumber);
                if (event.isPresent()) {
                    return event.get();
                }
            } catch (JsonLinesException e) {
                JsonLinesException located = source == null ? e : e.withSource(source);
                if (onBadLine == null) {
                    throw located;
                }
                BadLine badLine = new BadLine(lineNumber, line, located, original);
                badLines.add(badLine);
                onBadLine.accept(badLine);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (bytes != null) {
            bytes.close();
        } else {
            in.close();
        }
    }
}
