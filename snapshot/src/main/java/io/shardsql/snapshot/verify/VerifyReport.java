package io.shardsql.snapshot.verify;

import io.shardsql.snapshot.BackupManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link BackupVerifier} checked and every problem it found, each named: the backup is sound only
 * if there is none.
 *
 * <pre>
 *   ok    MANIFEST: epoch 3, cut 1234, 2 shards, 1 coordinator groups, 4 parts, 2 in-flight transactions
 *   ok    part shard-0: CHECKPOINT.crc matches the manifest, 5 files (81920 bytes) pass their checksums
 *   FAIL  part shard-1: checkpoint .../shard-1 is damaged: file 000009.sst fails its checksum
 * </pre>
 */
public final class VerifyReport {
    /** One check: what was looked at, and the problem found ({@code null} when it holds). */
    public record Check(String subject, String detail, String problem) {
        /** True if the check holds. */
        public boolean ok() { return problem == null; }

        @Override
        public String toString() {
            return (ok() ? "ok    " : "FAIL  ") + subject + ": " + (ok() ? detail : problem);
        }
    }

    private final List<Check> checks = new ArrayList<>();
    private BackupManifest manifest;

    void passed(String subject, String detail) {
        checks.add(new Check(subject, detail, null));
    }

    void failed(String subject, String problem) {
        checks.add(new Check(subject, null, problem));
    }

    void manifest(BackupManifest m) {
        this.manifest = m;
    }

    /** The backup's manifest, if it could be read. */
    public Optional<BackupManifest> manifest() { return Optional.ofNullable(manifest); }

    /** Every check in the order it ran. */
    public List<Check> checks() { return List.copyOf(checks); }

    /** The checks that failed. */
    public List<Check> problems() { return checks.stream().filter(c -> !c.ok()).toList(); }

    /** True if every check held. */
    public boolean ok() { return problems().isEmpty(); }

    /** One line per check, then the verdict. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (Check c : checks) b.append(c).append('\n');
        int n = problems().size();
        return b.append(n == 0 ? "backup is sound" : "backup is NOT sound: " + n + " problem" + (n == 1 ? "" : "s"))
                .append('\n').toString();
    }
}
