/**
 * Sequences at run time: {@link io.shardsql.sql.sequence.SequenceCache} reserves ranges of values per
 * node in the {@code control} group, {@link io.shardsql.sql.sequence.SessionSequences} answers a
 * session's {@code nextval} / {@code currval} / {@code setval}, and
 * {@link io.shardsql.sql.sequence.SequenceFunctions} declares those functions (and the other volatile
 * defaults, {@code now()} and {@code gen_random_uuid()}) to Calcite, with the code they compile to.
 *
 * <pre>
 *  nextval('s')  ──► SessionSequences ──► SequenceCache (node): next value of the range held for s
 *                                              │ range used up / ALTERed / CACHE 1
 *                                              ▼
 *                      own short transaction on \0sys/catalog/seqvalue/&lt;id&gt; (control group)
 * </pre>
 */
package io.shardsql.sql.sequence;
