package io.shardsql.shell;

/**
 * A column of a result as the printers see it.
 *
 * @param label   the column's label (what {@code AS} named it)
 * @param numeric whether its values are numbers (the table format aligns them right)
 */
record Column(String label, boolean numeric) {}
