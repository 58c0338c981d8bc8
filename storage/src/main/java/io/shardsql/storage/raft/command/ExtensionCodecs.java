package io.shardsql.storage.raft.command;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How the commands and queries that layers above storage add ({@link ShardCommand.Extension},
 * {@link ShardQuery.Extension}) are decoded: one decoder per tag. Tags are assigned once, for good —
 * commands stay in logs and snapshots — from ranges storage leaves free:
 *
 * <pre>
 *   commands  0x07..0x0F   (storage: 0x01..0x06)   txn: 0x07 RecordDecision, 0x08 ForgetDecisions,
 *                                                   0x09 RaiseTimestampLimit; snapshot: 0x0A marker
 *                                                   (0x0B release, 0x0E flush; txn 0x0C, 0x0D)
 *   queries   0x17, 0x19, 0x1B..0x1F (storage: 0x11..0x16, 0x18, 0x1A)   txn: 0x17 NextTimestamps;
 *                                                   snapshot: 0x19 flushed
 * </pre>
 */
public final class ExtensionCodecs {
    /** The command tags extensions may register. */
    public static final Set<Integer> COMMAND_TAGS = range(0x07, 0x0F);
    /** The query tags extensions may register. */
    public static final Set<Integer> QUERY_TAGS = Set.copyOf(
            IntStream.concat(IntStream.of(0x17, 0x19), IntStream.rangeClosed(0x1B, 0x1F))
                    .boxed().collect(Collectors.toSet()));

    /** No extensions: only storage's own commands and queries decode. */
    public static final ExtensionCodecs NONE = new Builder().build();

    private final Map<Integer, Function<ByteReader, ? extends ShardCommand.Extension>> commands;
    private final Map<Integer, Function<ByteReader, ? extends ShardQuery.Extension>> queries;

    private ExtensionCodecs(Builder b) {
        this.commands = Map.copyOf(b.commands);
        this.queries = Map.copyOf(b.queries);
    }

    /** Whether an extension query has this tag (extension queries are points: see {@link ShardQuery.Extension}). */
    static boolean isQueryTag(int tag) {
        return QUERY_TAGS.contains(tag);
    }

    /** The decoder of command tag {@code tag}, null if no extension registered it. */
    Function<ByteReader, ? extends ShardCommand.Extension> command(int tag) {
        return commands.get(tag);
    }

    /** The decoder of query tag {@code tag}, null if no extension registered it. */
    Function<ByteReader, ? extends ShardQuery.Extension> query(int tag) {
        return queries.get(tag);
    }

    private static Set<Integer> range(int from, int to) {
        return Set.copyOf(IntStream.rangeClosed(from, to).boxed().collect(Collectors.toSet()));
    }

    /** Where an extension registers its decoders. */
    public interface Registry {
        /** Registers the decoder of a command's body under {@code tag}. */
        Registry command(int tag, Function<ByteReader, ? extends ShardCommand.Extension> decoder);

        /** Registers the decoder of a query's body under {@code tag}. */
        Registry query(int tag, Function<ByteReader, ? extends ShardQuery.Extension> decoder);
    }

    /** Collects the decoders of every extension; a tag outside the free ranges, or taken twice, is refused. */
    public static final class Builder implements Registry {
        private final Map<Integer, Function<ByteReader, ? extends ShardCommand.Extension>> commands = new HashMap<>();
        private final Map<Integer, Function<ByteReader, ? extends ShardQuery.Extension>> queries = new HashMap<>();

        @Override
        public Builder command(int tag, Function<ByteReader, ? extends ShardCommand.Extension> decoder) {
            if (!COMMAND_TAGS.contains(tag)) throw new IllegalArgumentException("command tag 0x"
                    + Integer.toHexString(tag) + " is not free");
            if (commands.putIfAbsent(tag, decoder) != null) throw new IllegalArgumentException("command tag 0x"
                    + Integer.toHexString(tag) + " is taken");
            return this;
        }

        @Override
        public Builder query(int tag, Function<ByteReader, ? extends ShardQuery.Extension> decoder) {
            if (!QUERY_TAGS.contains(tag)) throw new IllegalArgumentException("query tag 0x"
                    + Integer.toHexString(tag) + " is not free");
            if (queries.putIfAbsent(tag, decoder) != null) throw new IllegalArgumentException("query tag 0x"
                    + Integer.toHexString(tag) + " is taken");
            return this;
        }

        public ExtensionCodecs build() {
            return new ExtensionCodecs(this);
        }
    }
}
