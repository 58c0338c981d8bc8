package io.shardsql.server.users;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.auth.ScramCredentials;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.sql.catalog.ControlCatalogStore;
import io.shardsql.sql.exec.UserDirectory;
import io.shardsql.sql.privilege.Grants;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Users and their credentials, kept under the system prefix so they live in {@code control} and
 * change in transactions like everything else:
 * <pre>
 * \0sys/auth/user/&lt;name UTF-8&gt;  → CredentialsCodec(salt, iterations, StoredKey, ServerKey)
 * \0sys/auth/secret             → 32 random bytes: the cluster's secret for decoy salts of unknown users
 * </pre>
 * Every node reads the same keys, so a user created through one node logs in at any other.
 * Thread-safe.
 */
public final class UserStore implements UserDirectory {
    static final String USER_PREFIX = "\0sys/auth/user/";
    static final byte[] SECRET = "\0sys/auth/secret".getBytes(StandardCharsets.UTF_8);
    private static final int ATTEMPTS = 10;

    private final TransactionManager txns;
    private final int iterations;
    private volatile byte[] secret;

    public UserStore(TransactionManager txns, int iterations) {
        this.txns = txns;
        this.iterations = iterations;
    }

    /** The credentials of {@code name}, read at a fresh snapshot. */
    public Optional<ScramCredentials> lookup(String name) {
        return txns.run(TxnMode.READ_ONLY, ATTEMPTS, tx -> tx.get(key(name)).map(CredentialsCodec::decode));
    }

    /** The names of every user, in order. */
    public List<String> names() {
        return txns.run(TxnMode.READ_ONLY, ATTEMPTS, tx -> {
            List<String> out = new ArrayList<>();
            byte[] start = USER_PREFIX.getBytes(StandardCharsets.UTF_8);
            for (Iterator<KvEntry> it = tx.scan(start, KeyRanges.prefixEnd(start)); it.hasNext(); ) {
                byte[] k = it.next().key();
                out.add(new String(k, start.length, k.length - start.length, StandardCharsets.UTF_8));
            }
            return out;
        });
    }

    /**
     * The cluster's secret for decoy salts ({@link Scram#decoySalt}): the same on every node and across
     * restarts, so asking about an unknown user twice, or at two nodes, gives the same salt.
     */
    public byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            s = txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> tx.get(SECRET).orElseGet(() -> {
                byte[] fresh = Scram.randomBytes(32);
                tx.put(SECRET, fresh);
                return fresh;
            }));
            secret = s;
        }
        return s.clone();
    }

    /**
     * Creates {@code name} with {@code password} unless any user exists; returns whether it did. The
     * first start of a cluster calls it for {@code admin}; nodes racing each other conflict and one wins.
     */
    public boolean createFirstUser(String name, String password) {
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            byte[] start = USER_PREFIX.getBytes(StandardCharsets.UTF_8);
            if (tx.scan(start, KeyRanges.prefixEnd(start)).hasNext()) return false;
            create(tx, name, password, false);
            return true;
        });
    }

    @Override
    public void create(Transaction tx, String name, String password, boolean ifNotExists) {
        checkPassword(password);
        if (tx.get(key(name)).isPresent()) {
            if (ifNotExists) return;
            throw new ShardSqlException(ErrorCode.DUPLICATE_OBJECT, "user \"" + name + "\" already exists");
        }
        tx.put(key(name), CredentialsCodec.encode(Scram.newCredentials(password, iterations)));
    }

    @Override
    public void alterPassword(Transaction tx, String name, String password) {
        checkPassword(password);
        if (tx.get(key(name)).isEmpty()) throw unknown(name);
        tx.put(key(name), CredentialsCodec.encode(Scram.newCredentials(password, iterations)));
    }

    @Override
    public void drop(Transaction tx, String name, boolean ifExists) {
        if (tx.get(key(name)).isEmpty()) {
            if (ifExists) return;
            throw unknown(name);
        }
        tx.delete(key(name));
    }

    @Override
    public boolean exists(Transaction tx, String name) {
        return tx.get(key(name)).isPresent();
    }

    /**
     * Makes {@code user} a member of the built-in role {@code admin} if the role has no member and the user
     * exists: on a cluster's first start (the first user), and on a cluster made before privileges existed
     * (then nobody held the role). Returns whether it did.
     */
    public boolean ensureAdminRole(String user) {
        ControlCatalogStore catalog = new ControlCatalogStore();
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            if (!catalog.read(tx).grants().members(Grants.ADMIN).isEmpty() || !exists(tx, user)) return false;
            catalog.putRole(tx, Grants.ADMIN, java.util.Set.of(user));
            return true;
        });
    }

    /** The salt to hand out for a user that does not exist (see docs/protocol.md §4). */
    public Bytes decoySalt(String name) {
        return Scram.decoySalt(secret(), name);
    }

    private static void checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new ShardSqlException(ErrorCode.INVALID_SQL, "a password must not be empty");
        }
    }

    private static ShardSqlException unknown(String name) {
        return new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "user \"" + name + "\" does not exist");
    }

    static byte[] key(String name) {
        return (USER_PREFIX + name).getBytes(StandardCharsets.UTF_8);
    }

}
