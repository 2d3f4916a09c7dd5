package io.churnwatch.notifyjob;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer that only frames one of the alerting module's Flink-free state codecs
 * ({@code io.churnwatch.alerting.state}): the format, its version byte and every field are the
 * codec's, so a savepoint survives changes to the alerting classes and to Java, Kryo or Flink.
 * Stateless (the codecs hold only a thread-safe Avro codec), hence a singleton.
 */
abstract class CodecSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    abstract void write(T value, DataOutputView out) throws IOException;

    abstract T read(DataInputView in) throws IOException;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return read(source);
    }

    /** A deep copy through the format: the heap backend copies state written during an asynchronous snapshot. */
    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(512);
            write(from, out);
            return read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy a " + from.getClass().getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    /** The format is self-delimiting but not length-prefixed: read one value and write it again. */
    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        write(read(source), target);
    }

    /**
     * The snapshot of a codec serializer: the format version it wrote. Restores into the current
     * serializer, which reads every format version the codec knows; a savepoint of a newer format
     * (a downgrade) is incompatible instead of misread; one of an older format is migrated, so the
     * state is rewritten in the current format; the snapshot of the Java-serialized format of the
     * releases before is migrated through its own, legacy serializer.
     */
    abstract static class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {

        private static final int SNAPSHOT_VERSION = 1;

        private final TypeSerializer<T> serializer;
        private final int currentFormat;
        private final Class<?> javaSerializedSnapshot;
        private int format;

        FormatSnapshot(TypeSerializer<T> serializer, int currentFormat, Class<?> javaSerializedSnapshot) {
            this.serializer = serializer;
            this.currentFormat = currentFormat;
            this.javaSerializedSnapshot = javaSerializedSnapshot;
            this.format = currentFormat;
        }

        int format() {
            return format;
        }

        @Override
        public int getCurrentVersion() {
            return SNAPSHOT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(format);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion != SNAPSHOT_VERSION) {
                throw new IOException("Unknown snapshot version " + readVersion + " of "
                        + getClass().getName() + "; this release reads version " + SNAPSHOT_VERSION);
            }
            format = in.readInt();
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return serializer;
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (javaSerializedSnapshot.isInstance(old)) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (!getClass().isInstance(old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            int oldFormat = ((FormatSnapshot<T>) old).format;
            if (oldFormat == currentFormat) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return oldFormat < currentFormat
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
