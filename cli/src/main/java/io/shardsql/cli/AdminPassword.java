package io.shardsql.cli;

import io.shardsql.server.users.AdminBootstrap;

import java.util.Optional;

/** The admin password the operator gave (option, else environment) and how the ready line mentions it. */
final class AdminPassword {
    private AdminPassword() {}

    static Optional<String> given(String option) {
        if (option != null && !option.isEmpty()) return Optional.of(option);
        return Optional.ofNullable(System.getenv(AdminBootstrap.PASSWORD_ENV)).filter(p -> !p.isEmpty());
    }

    /** Appended to the ready line: the generated password, shown this once; nothing otherwise. */
    static String describe(AdminBootstrap.Outcome outcome) {
        return outcome.generatedPassword()
                .map(p -> "  (user " + AdminBootstrap.ADMIN + ", generated password " + p
                        + " — shown only now; change it with ALTER USER)")
                .orElse("");
    }
}
