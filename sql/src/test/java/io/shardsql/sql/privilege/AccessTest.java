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

    /** "s" made by sam, USAGE to ann, SELECT to the role readers; "t_id_seq" belongs to table t (olga's). */
    private static final Grants SEQUENCES = new Grants(GRANTS.tables(), GRANTS.database(), GRANTS.roles(),
            Map.of("s", Acl.ownedBy("sam").grant("ann", Set.of(Privilege.USAGE))
                    .grant("readers", Set.of(Privilege.SELECT)),
                    "t_id_seq", Acl.EMPTY.grant("ann", Set.of(Privilege.UPDATE))));

    @Test
    void sequencesHaveOwnersAndGrantsOfTheirOwn() {
        Access sam = Access.of("sam", SEQUENCES);
        assertThat(sam.ownsSequence("s", "")).isTrue();
        assertThat(sam.mayOnSequence("s", "", Privilege.UPDATE)).isTrue();
        assertThat(sam.mayAlterSequence("s", "")).isTrue();
        assertThat(sam.mayAlterSequence("t_id_seq", "t")).isFalse();
        Access ann = Access.of("ann", SEQUENCES);
        assertThat(ann.mayOnSequence("s", "", Privilege.USAGE, Privilege.UPDATE)).isTrue();
        assertThat(ann.mayOnSequence("s", "", Privilege.UPDATE)).isFalse();
        assertThat(ann.mayOnSequence("s", "", Privilege.SELECT)).isFalse();
        assertThat(ann.mayAlterSequence("s", "")).isFalse();
        assertThat(ann.mayOnSequence("t_id_seq", "t", Privilege.UPDATE)).isTrue();
        Access rita = Access.of("rita", SEQUENCES);
        assertThat(rita.mayOnSequence("s", "", Privilege.SELECT)).isTrue();
        assertThat(rita.mayOnSequence("s", "", Privilege.USAGE)).isFalse();
        assertThat(Access.of("root", SEQUENCES).mayAlterSequence("s", "")).isTrue();
        assertThat(Access.INTERNAL.mayOnSequence("s", "", Privilege.UPDATE)).isTrue();
        assertThat(SEQUENCES.sequencesOwnedBy("sam")).containsExactly("s");
        assertThat(SEQUENCES.sequence("gone")).isEqualTo(Acl.EMPTY);
    }

    @Test
    void aSerialColumnsSequenceIsOwnedByItsTablesOwner() {
        Access olga = Access.of("olga", SEQUENCES);
        assertThat(olga.ownsSequence("t_id_seq", "t")).isTrue();
        assertThat(olga.mayOnSequence("t_id_seq", "t", Privilege.USAGE)).isTrue();
        assertThat(olga.mayAlterSequence("t_id_seq", "t")).isTrue();
        assertThat(olga.ownsSequence("s", "")).isFalse();
        assertThat(Access.of("sam", SEQUENCES).ownsSequence("t_id_seq", "t")).isFalse();
    }

    @Test
    void sequencePrivilegesSurviveTheirStoredForm() {
        Acl acl = Acl.ownedBy("sam").grant("ann", Privilege.ALL_ON_SEQUENCE);
        assertThat(AclCodec.decode(AclCodec.encode(acl))).isEqualTo(acl);
        assertThat(acl.of("ann")).containsExactlyInAnyOrder(Privilege.USAGE, Privilege.SELECT, Privilege.UPDATE);
        assertThat(Privilege.USAGE.onSequence()).isTrue();
        assertThat(Privilege.USAGE.onTable()).isFalse();
        assertThat(Privilege.INSERT.onSequence()).isFalse();
    }
}
