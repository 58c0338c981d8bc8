package io.shardsql.protocol.auth;

import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.value.Bytes;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;

/**
 * SCRAM-SHA-256 (the key derivation and proofs of RFC 5802 / RFC 7677, carried in our own messages
 * instead of SCRAM's text attributes). The password never crosses the wire, and the server stores only
 * {@link ScramCredentials}, from which the password cannot be read back.
 * <pre>
 * SaltedPassword  = PBKDF2-HMAC-SHA-256(NFKC(password), salt, iterations, 32 bytes)
 * ClientKey       = HMAC(SaltedPassword, "Client Key")      StoredKey = SHA-256(ClientKey)
 * ServerKey       = HMAC(SaltedPassword, "Server Key")
 * AuthMessage     = | user (string) | client nonce (bytes) | server nonce (bytes) | salt (bytes) | iterations (u32) |
 *                   (string/bytes: u32 length, big-endian, then the bytes; no varints here)
 * ClientProof     = ClientKey XOR HMAC(StoredKey, AuthMessage)          sent in Authenticate
 * ServerSignature = HMAC(ServerKey, AuthMessage)                       sent in AuthOk
 * </pre>
 * The server recovers {@code ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage)} and accepts if
 * {@code SHA-256(ClientKey) == StoredKey}; the client accepts the server only if its signature matches.
 */
public final class Scram {
    public static final String METHOD = "SCRAM-SHA-256";
    /** Iterations for new passwords: RFC 7677 asks for at least 4096; PBKDF2 cost is the defence against guessing. */
    public static final int DEFAULT_ITERATIONS = 4096;
    public static final int NONCE_BYTES = 24;
    public static final int SALT_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {}

    /** The credentials to store for a new password: fresh salt, keys derived from it. */
    public static ScramCredentials newCredentials(String password, int iterations) {
        return credentials(password, Bytes.wrap(randomBytes(SALT_BYTES)), iterations);
    }

    public static ScramCredentials credentials(String password, Bytes salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        return new ScramCredentials(salt, iterations, Bytes.wrap(sha256(clientKey(salted))),
                Bytes.wrap(serverKey(salted)));
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * The salt a server hands out for a user that does not exist: stable for that name (derived from a
     * server secret), so that the challenge looks like a real user's and the handshake does not tell
     * which user names exist. The attempt then fails with the same 28P01 as a wrong password.
     */
    public static Bytes decoySalt(byte[] serverSecret, String user) {
        byte[] mac = hmac(serverSecret, ("decoy salt:" + user).getBytes(StandardCharsets.UTF_8));
        return Bytes.wrap(java.util.Arrays.copyOf(mac, SALT_BYTES));
    }

    /** The bytes both sides sign: who, both nonces, salt and iterations, each with a fixed-width length. */
    public static byte[] authMessage(String user, Bytes clientNonce, AuthChallenge challenge) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeField(out, user.getBytes(StandardCharsets.UTF_8));
        writeField(out, clientNonce.toByteArray());
        writeField(out, challenge.serverNonce().toByteArray());
        writeField(out, challenge.salt().toByteArray());
        writeInt(out, challenge.iterations());
        return out.toByteArray();
    }

    /** The client's proof for {@code Authenticate}. */
    public static byte[] clientProof(String password, Bytes salt, int iterations, byte[] authMessage) {
        byte[] clientKey = clientKey(saltedPassword(password, salt, iterations));
        return xor(clientKey, hmac(sha256(clientKey), authMessage));
    }

    /** The server's check of a proof against the stored credentials, in constant time. */
    public static boolean verifyProof(ScramCredentials stored, byte[] authMessage, byte[] proof) {
        byte[] storedKey = stored.storedKey().toByteArray();
        byte[] signature = hmac(storedKey, authMessage);
        if (proof.length != signature.length) return false;
        return MessageDigest.isEqual(sha256(xor(proof, signature)), storedKey);
    }

    /** What the server sends in {@code AuthOk}. */
    public static byte[] serverSignature(ScramCredentials stored, byte[] authMessage) {
        return hmac(stored.serverKey().toByteArray(), authMessage);
    }

    /** The client's check of the server's signature: a server that does not hold the user's keys cannot make it. */
    public static boolean verifyServerSignature(String password, Bytes salt, int iterations, byte[] authMessage,
            byte[] signature) {
        byte[] expected = hmac(serverKey(saltedPassword(password, salt, iterations)), authMessage);
        return MessageDigest.isEqual(expected, signature);
    }

    static byte[] saltedPassword(String password, Bytes salt, int iterations) {
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        PBEKeySpec spec = new PBEKeySpec(normalized.toCharArray(), salt.toByteArray(), iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (byte) (a[i] ^ b[i]);
        return r;
    }

    private static void writeField(ByteArrayOutputStream out, byte[] bytes) {
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
