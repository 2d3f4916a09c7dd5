package io.churnwatch.schemas.jsonl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and decodes each as UTF-8 on its own, so that one invalid byte
 * spoils one line and not the rest of the file.
 *
 * <p>Why not a {@code BufferedReader} over a UTF-8 reader: its decoder throws
 * {@code MalformedInputException} from {@code readLine()} at the first invalid byte, and the reader
 * cannot go on after it; a whole replay was lost to one Latin-1 byte. Lines end as
 * {@link java.io.BufferedReader#readLine()} ends them (LF, CR or CRLF), so line numbers agree.
 */
final class Utf8Lines implements AutoCloseable {

    /** One line: its text, or, when its bytes are not UTF-8, where they go wrong. */
    record Line(String text, byte[] bytes, String malformed) {

        boolean isMalformed() {
            return malformed != null;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private byte[] line = new byte[256];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? decode(length) : null;
                }
            }
            byte b = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue;
                }
            }
            any = true;
            if (b == '\n') {
                return decode(length);
            }
            if (b == '\r') {
                skipLineFeed = true;
                return decode(length);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = b;
        }
    }

    private Line decode(int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        CharBuffer chars = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int at = bytes.position();
            byte[] copy = Arrays.copyOf(line, length);
            StringBuilder seen = new StringBuilder();
            for (int i = at; i < Math.min(length, at + result.length()); i++) {
                seen.append(String.format(" %02X", line[i] & 0xFF));
            }
            String problem = String.format(
                    "not valid UTF-8: byte%s%s at byte %d of the line %s (was the file saved as Latin-1 or Windows-1252?)",
                    result.length() == 1 ? "" : "s",
                    seen,
                    at + 1,
                    result.isMalformed() ? "cannot be decoded" : "is unmappable");
            return new Line(new String(copy, StandardCharsets.UTF_8), copy, problem);
        }
        chars.flip();
        return new Line(chars.toString(), null, null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
