package io.shardsql.server.users;

import io.shardsql.protocol.auth.Scram;

import java.util.Base64;
import java.util.Optional;

/**
 * Makes the first user, {@code admin}, when a cluster starts with no users: with the password the
 * operator gave ({@code --admin-password} or {@code SHARDSQL_ADMIN_PASSWORD}), else a generated one
 * that is shown exactly once. Later starts find users and do nothing (the given password is ignored:
 * change it with ALTER USER). The user {@code admin} is made a member of the built-in role {@code admin}
 * (docs/security.md: the role is what gives the power; the user is just its first member) whenever the
 * role has no member, so a cluster made before privileges existed keeps an administrator.
 */
public final class AdminBootstrap {
    public static final String ADMIN = "admin";
    public static final String PASSWORD_ENV = "SHARDSQL_ADMIN_PASSWORD";

    /**
     * What happened: {@code generatedPassword} is present only when this call made admin with a password of its own.
     */
    public record Outcome(boolean created, Optional<String> generatedPassword) {}

    private AdminBootstrap() {}

    public static Outcome ensureAdmin(UserStore users, Optional<String> givenPassword) {
        boolean generate = givenPassword.isEmpty() || givenPassword.get().isEmpty();
        String password = generate ? generatePassword() : givenPassword.get();
        users.secret(); // made once per cluster, before anyone can ask about unknown users
        boolean created = users.createFirstUser(ADMIN, password);
        users.ensureAdminRole(ADMIN); // the user admin is the first member of the role admin
        return new Outcome(created, created && generate ? Optional.of(password) : Optional.empty());
    }

    /** 18 random bytes, URL-safe base64: 24 characters, 144 bits. */
    static String generatePassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Scram.randomBytes(18));
    }
}
