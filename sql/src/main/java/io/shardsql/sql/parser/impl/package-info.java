/**
 * The generated parser: {@code ShardSqlParserImpl}, built at compile time from Calcite's grammar template
 * (unpacked from the calcite-core jar) filled with {@code src/main/codegen/config.fmpp} and
 * {@code includes/parserImpls.ftl} (FMPP), then compiled by JavaCC. Nothing of it is in the repository;
 * use it through {@link io.shardsql.sql.parser.ShardSqlParser}, or {@code ShardSqlParserImpl.FACTORY}
 * where Calcite asks for a {@code SqlParserImplFactory}.
 */
package io.shardsql.sql.parser.impl;
