package dev.tcpflight.cli.recording.chunk;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A chunk's constants (threads, stack traces, methods, classes, symbols, pooled strings), from its checkpoint
 * events: the header points at the last, each points back at the one before it (a delta of 0 ends the chain).
 * A checkpoint holds pools, each a type id and its constants as key and value.
 */
final class ConstantPools {

    private final Map<Long, Map<Long, Object>> pools = new HashMap<>();
    private final Metadata metadata;

    private ConstantPools(Metadata metadata) {
        this.metadata = metadata;
    }

    static ConstantPools read(ChunkInput in, int lastCheckpoint, Metadata metadata) throws IOException {
        ConstantPools constants = new ConstantPools(metadata);
        long position = lastCheckpoint;
        long delta;
        do {
            if (position < ChunkHeader.SIZE || position >= in.size()) {
                throw new IOException("checkpoint at byte " + position + " outside the chunk");
            }
            in.window((int) position, ChunkInput.EVENT_HEAD);
            in.window((int) position, in.readInt());
            in.readInt(); // size
            if (in.readLong() != 1) {
                throw new IOException("no checkpoint event at byte " + position);
            }
            in.readLong(); // start
            in.readLong(); // duration
            delta = in.readLong();
            in.readByte(); // what kind of checkpoint (a flush, a chunk's end): the same constants either way
            int poolCount = in.readCount();
            for (int i = 0; i < poolCount; i++) {
                constants.readPool(in);
            }
            position += delta;
        } while (delta != 0);
        return constants;
    }

    private void readPool(ChunkInput in) throws IOException {
        long typeId = in.readLong();
        JfrType type = metadata.type(typeId);
        if (type == null) {
            throw new IOException("constants of unknown type id " + typeId + " at byte " + in.position());
        }
        int count = in.readCount();
        Map<Long, Object> pool = pools.computeIfAbsent(typeId, id -> new HashMap<>());
        for (int i = 0; i < count; i++) {
            long key = in.readLong();
            pool.put(key, Values.value(in, type));
        }
    }

    /** What {@code value} stands for: itself, or the constant a {@link Ref} points at (null if missing). */
    Object resolve(Object value) {
        if (!(value instanceof Ref)) {
            return value;
        }
        Object resolved = value;
        for (int hops = 0; resolved instanceof Ref ref && hops < 8; hops++) {
            long typeId = ref.typeId() == Ref.STRING_POOL ? metadata.stringTypeId() : ref.typeId();
            Map<Long, Object> pool = pools.get(typeId);
            resolved = pool == null ? null : pool.get(ref.key());
        }
        return resolved instanceof Ref ? null : resolved;
    }

    /** The constant {@code key} of the pool of {@code typeId}, resolved. */
    Object constant(long typeId, long key) {
        return resolve(new Ref(typeId, key));
    }
}
