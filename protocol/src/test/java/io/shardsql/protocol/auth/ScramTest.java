package io.shardsql.protocol.auth;

import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.value.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ScramTest {

    /**
     * RFC 7677 §3: user "user", password "pencil"; its AuthMessage is SCRAM's text, ours is binary, the keys are the
     * same.
     */
    @Test
    void matchesTheRfc7677Example() {
        Bytes salt = Bytes.wrap(Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="));
        byte[] authMessage = ("n=user,r=rOprNGfwEbeRWgbNEkqO,"
                + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0").getBytes(StandardCharsets.US_ASCII);

        byte[] proof = Scram.clientProof("pencil", salt, 4096, authMessage);
        assertThat(Base64.getEncoder().encodeToString(proof)).isEqualTo("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");

        ScramCredentials stored = Scram.credentials("pencil", salt, 4096);
        assertThat(Scram.verifyProof(stored, authMessage, proof)).isTrue();
        assertThat(Base64.getEncoder().encodeToString(Scram.serverSignature(stored, authMessage)))
                .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void aProofIsBoundToThePasswordAndTheExchange() {
        ScramCredentials stored = Scram.newCredentials("correct horse", 1000);
        Bytes clientNonce = Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES));
        AuthChallenge challenge = new AuthChallenge(Scram.METHOD, stored.salt(), stored.iterations(),
                Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES)));
        byte[] authMessage = Scram.authMessage("alice", clientNonce, challenge);

        byte[] proof = Scram.clientProof("correct horse", stored.salt(), stored.iterations(), authMessage);
        assertThat(Scram.verifyProof(stored, authMessage, proof)).isTrue();
        assertThat(Scram.verifyProof(stored, authMessage,
                Scram.clientProof("wrong", stored.salt(), stored.iterations(), authMessage))).isFalse();
        assertThat(Scram.verifyProof(stored, authMessage, new byte[5])).isFalse();

        // replaying the proof against a new server nonce fails
        AuthChallenge next = new AuthChallenge(Scram.METHOD, stored.salt(), stored.iterations(),
                Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES)));
        assertThat(Scram.verifyProof(stored, Scram.authMessage("alice", clientNonce, next), proof)).isFalse();
        // ... and so does the same proof for another user name
        assertThat(Scram.verifyProof(stored, Scram.authMessage("mallory", clientNonce, challenge), proof)).isFalse();

        byte[] signature = Scram.serverSignature(stored, authMessage);
        assertThat(Scram.verifyServerSignature("correct horse", stored.salt(), stored.iterations(), authMessage,
                signature)).isTrue();
        assertThat(Scram.verifyServerSignature("other", stored.salt(), stored.iterations(), authMessage, signature))
                .isFalse();
    }

    @Test
    void storedCredentialsDoNotContainThePassword() {
        ScramCredentials a = Scram.newCredentials("pw", 1000);
        ScramCredentials b = Scram.newCredentials("pw", 1000);
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.storedKey()).isNotEqualTo(b.storedKey());
        assertThat(a.storedKey().length()).isEqualTo(32);
        assertThat(a.serverKey().length()).isEqualTo(32);
    }

    @Test
    void decoySaltsAreStablePerUserAndLookReal() {
        byte[] secret = Scram.randomBytes(32);
        assertThat(Scram.decoySalt(secret, "nobody")).isEqualTo(Scram.decoySalt(secret, "nobody"));
        assertThat(Scram.decoySalt(secret, "nobody")).isNotEqualTo(Scram.decoySalt(secret, "somebody"));
        assertThat(Scram.decoySalt(secret, "nobody").length()).isEqualTo(Scram.SALT_BYTES);
    }

    @Test
    void passwordsAreNormalizedBeforeHashing() {
        Bytes salt = Bytes.wrap(new byte[16]);
        // "ﬁ" (U+FB01) is NFKC-equal to "fi"; "é" precomposed and decomposed are equal too
        assertThat(Scram.credentials("\uFB01", salt, 100)).isEqualTo(Scram.credentials("fi", salt, 100));
        assertThat(Scram.credentials("\u00E9", salt, 100)).isEqualTo(Scram.credentials("e\u0301", salt, 100));
    }
}
