package io.churnwatch.notifyjob;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Writes a value with Java serialization, length-prefixed. The alerting module's {@code EngineState}
 * and {@code Notification} are plain {@link Serializable} data holding Avro {@code ChurnAlert}s
 * (which serialize themselves as Avro binary via {@code Externalizable}); this keeps them away from
 * Kryo, which cannot be trusted with Avro records. The price: state evolves only as far as Java
 * serialization allows ({@code serialVersionUID} and compatible field changes in the alerting
 * module), and it is slower and larger than a hand-written serializer.
 */
abstract class JavaSerializedSerializer<T extends Serializable> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    JavaSerializedSerializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        return null;
    }

    /** A deep copy: the heap state backend copies state written during an asynchronous snapshot. */
    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            return type.cast(InstantiationUtil.deserializeObject(
                    InstantiationUtil.serializeObject(from),
                    Thread.currentThread().getContextClassLoader()));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy a " + type.getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = InstantiationUtil.serializeObject(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        try {
            return type.cast(InstantiationUtil.deserializeObject(
                    bytes, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        target.writeInt(bytes.length);
        // Through an array: DataOutputSerializer.write(DataInputView, n) does not grow its buffer.
        target.write(bytes);
    }
}
