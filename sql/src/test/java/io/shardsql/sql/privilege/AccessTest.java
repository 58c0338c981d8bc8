package io.shardsql.sql.privilege;

import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTest {
    private static final Grants GRANTS = new Grants(
            Map.of("t", Acl.ownedBy("olga").grant("ann", Set.of(Privilege.SELECT)).grant("readers",
                    Set.of(Privilege.SELECT, Privilege.INSERT)), "u", Acl.EMPTY),
            Acl.EMPTY.grant("carl", Set.of(Privilege.CREATE)),
            Map.of(Grants.ADMIN, Set.of("root"), Grants.BACKUP, Set.of("bea"), "readers", Set.of("rita")));

    @Test
    void ownersGranteesAndRoleMembersMayWhatTheyWereGiven() {
        Access olga = Access.of("olga", GRANTS);
        assertThat(olga.may(Privilege.DELETE, "t")).isTrue();
        assertThat(olga.mayAlter("t")).isTrue();
        assertThat(olga.mayAlter("u")).isFalse();
        Access ann = Access.of("ann", GRANTS);
        assertThat(ann.may(Privilege.SELECT, "t")).isTrue();
        assertThat(ann.may(Privilege.INSERT, "t")).isFalse();
        assertThat(ann.sees("t")).isTrue();
        assertThat(ann.sees("u")).isFalse();
        Access rita = Access.of("rita", GRANTS);
        assertThat(rita.may(Privilege.INSERT, "t")).isTrue();
        assertThat(rita.mayCreate()).isFalse();
        assertThat(Access.of("carl", GRANTS).mayCreate()).isTrue();
    }

    @Test
    void adminMayEverythingAndBackupOnlyBackups() {
        Access root = Access.of("root", GRANTS);
        assertThat(root.isAdmin()).isTrue();
        assertThat(root.may(Privilege.DELETE, "u")).isTrue();
        assertThat(root.mayBackup()).isTrue();
        Access bea = Access.of("bea", GRANTS);
        assertThat(bea.mayBackup()).isTrue();
        assertThat(bea.isAdmin()).isFalse();
        assertThat(bea.may(Privilege.SELECT, "t")).isFalse();
        assertThat(Access.of(null, GRANTS)).isSameAs(Access.INTERNAL);
        assertThat(Access.INTERNAL.isAdmin()).isTrue();
    }

    @Test
    void refusalsAre42501() {
        assertThatThrownBy(() -> Access.require(false, "no"))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code().sqlState()).isEqualTo("42501"));
    }

    @Test
    void aclsAndMembersSurviveTheirStoredForm() {
        Acl acl = GRANTS.table("t");
        assertThat(AclCodec.decode(AclCodec.encode(acl))).isEqualTo(acl);
        assertThat(AclCodec.decode(AclCodec.encode(Acl.EMPTY))).isEqualTo(Acl.EMPTY);
        assertThat(AclCodec.decodeMembers(AclCodec.encodeMembers(Set.of("a", "b")))).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(() -> AclCodec.decode(new byte[] {9})).isInstanceOf(ShardSqlException.class);
        assertThat(acl.revoke("ann", Set.of(Privilege.SELECT)).grants()).doesNotContainKey("ann");
        assertThat(acl.without("readers").grants()).containsOnlyKeys("ann");
        assertThat(acl.owner()).isEqualTo(Optional.of("olga"));
    }
}
