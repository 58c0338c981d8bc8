package io.shardsql.storage.keys;

/**
 * The direction of one key component and where its NULLs sort.
 *
 * <p>{@link #ASC} and {@link #DESC} have PostgreSQL's defaults (NULLS LAST for ASC, NULLS FIRST for
 * DESC); {@link #ASC_NULLS_FIRST} and {@link #DESC_NULLS_LAST} are the explicit alternatives.
 *
 * <pre>
 * | order            | NULL tag | value tag  | payload                 |
 * |------------------|----------|------------|-------------------------|
 * | ASC              | 0xFE     | even (T)   | ASC payload             |
 * | ASC_NULLS_FIRST  | 0x01     | even (T)   | ASC payload             |
 * | DESC             | 0x01     | odd (T+1)  | ASC payload XOR 0xFF..  |
 * | DESC_NULLS_LAST  | 0xFE     | odd (T+1)  | ASC payload XOR 0xFF..  |
 * </pre>
 */
public enum KeyOrder {
    /** Ascending, NULLS LAST (the SQL default for ASC). */
    ASC(false, false),
    /** Ascending, NULLS FIRST. */
    ASC_NULLS_FIRST(false, true),
    /** Descending, NULLS FIRST (the SQL default for DESC). */
    DESC(true, true),
    /** Descending, NULLS LAST. */
    DESC_NULLS_LAST(true, false);

    /** Tag of a NULL component that sorts before every value. */
    static final int NULL_FIRST_TAG = 0x01;
    /** Tag of a NULL component that sorts after every value. */
    static final int NULL_LAST_TAG = 0xFE;

    private final boolean descending;
    private final boolean nullsFirst;

    KeyOrder(boolean descending, boolean nullsFirst) {
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    public boolean isDescending() { return descending; }

    public boolean nullsFirst() { return nullsFirst; }

    /** The order with the given direction and explicit NULL placement. */
    public static KeyOrder of(boolean descending, boolean nullsFirst) {
        if (descending) return nullsFirst ? DESC : DESC_NULLS_LAST;
        return nullsFirst ? ASC_NULLS_FIRST : ASC;
    }

    /** The order with the given direction and the default NULL placement (last for ASC, first for DESC). */
    public static KeyOrder of(boolean descending) {
        return descending ? DESC : ASC;
    }

    /** The tag a NULL component gets in this order. */
    int nullTag() { return nullsFirst ? NULL_FIRST_TAG : NULL_LAST_TAG; }

    /** XOR mask applied to every payload byte: 0x00 for ascending, 0xFF for descending. */
    int payloadMask() { return descending ? 0xFF : 0x00; }
}
