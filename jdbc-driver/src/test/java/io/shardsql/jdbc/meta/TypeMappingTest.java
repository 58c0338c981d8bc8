package io.shardsql.jdbc.meta;

import org.junit.jupiter.api.Test;

import java.sql.Types;

import static org.assertj.core.api.Assertions.assertThat;

class TypeMappingTest {

    @Test
    void dataTypeStringsOfSysColumnsMapToJdbcTypes() {
        assertThat(TypeMapping.parse("INTEGER")).isEqualTo(new TypeMapping.SqlTypeInfo("INTEGER", Types.INTEGER, 10, 0));
        assertThat(TypeMapping.parse("VARCHAR(20)")).isEqualTo(new TypeMapping.SqlTypeInfo("VARCHAR", Types.VARCHAR, 20, 0));
        assertThat(TypeMapping.parse("DECIMAL(10, 2)")).isEqualTo(new TypeMapping.SqlTypeInfo("DECIMAL", Types.DECIMAL, 10, 2));
        assertThat(TypeMapping.parse("DECIMAL").precision()).isEqualTo(TypeMapping.MAX_DECIMAL_PRECISION);
        assertThat(TypeMapping.parse("VARCHAR").precision()).isEqualTo(Integer.MAX_VALUE);
        assertThat(TypeMapping.parse("CHAR(3)").jdbcType()).isEqualTo(Types.CHAR);
        assertThat(TypeMapping.parse("VARBINARY(16)")).isEqualTo(new TypeMapping.SqlTypeInfo("VARBINARY", Types.VARBINARY, 16, 0));
        assertThat(TypeMapping.parse("BOOLEAN").jdbcType()).isEqualTo(Types.BOOLEAN);
        assertThat(TypeMapping.parse("SMALLINT").jdbcType()).isEqualTo(Types.SMALLINT);
        assertThat(TypeMapping.parse("BIGINT").jdbcType()).isEqualTo(Types.BIGINT);
        assertThat(TypeMapping.parse("REAL").jdbcType()).isEqualTo(Types.REAL);
        assertThat(TypeMapping.parse("DOUBLE").jdbcType()).isEqualTo(Types.DOUBLE);
        assertThat(TypeMapping.parse("DATE").jdbcType()).isEqualTo(Types.DATE);
        assertThat(TypeMapping.parse("TIME").jdbcType()).isEqualTo(Types.TIME);
        assertThat(TypeMapping.parse("TIMESTAMP").jdbcType()).isEqualTo(Types.TIMESTAMP);
        assertThat(TypeMapping.parse("text").jdbcType()).isEqualTo(Types.VARCHAR);
        assertThat(TypeMapping.parse("GEOMETRY").jdbcType()).isEqualTo(Types.OTHER);
        assertThat(TypeMapping.parse(null).jdbcType()).isEqualTo(Types.OTHER);
    }

    @Test
    void javaClassesAndFlags() {
        assertThat(TypeMapping.javaClassName(Types.SMALLINT)).isEqualTo("java.lang.Integer");
        assertThat(TypeMapping.javaClassName(Types.DECIMAL)).isEqualTo("java.math.BigDecimal");
        assertThat(TypeMapping.javaClassName(Types.VARBINARY)).isEqualTo("[B");
        assertThat(TypeMapping.javaClassName(Types.TIMESTAMP)).isEqualTo("java.sql.Timestamp");
        assertThat(TypeMapping.isSigned(Types.INTEGER)).isTrue();
        assertThat(TypeMapping.isSigned(Types.VARCHAR)).isFalse();
        assertThat(TypeMapping.isText(Types.CHAR)).isTrue();
    }

    @Test
    void namePatternsFollowJdbc() {
        assertThat(NamePattern.of(null).matches("x")).isTrue();
        assertThat(NamePattern.of("%").matches("orders")).isTrue();
        assertThat(NamePattern.of("ord_rs").matches("orders")).isTrue();
        assertThat(NamePattern.of("ord%").matches("Orders")).isFalse();
        assertThat(NamePattern.of("my\\_t").matches("my_t")).isTrue();
        assertThat(NamePattern.of("my\\_t").matches("myxt")).isFalse();
        assertThat(NamePattern.of("a.b").matches("axb")).isFalse();
    }

    @Test
    void primaryKeyListsSplit() {
        assertThat(MetadataQueries.splitColumns("a, b")).containsExactly("a", "b");
        assertThat(MetadataQueries.splitColumns("")).isEmpty();
    }
}
