package io.shardsql.storage.keys;

import java.util.Comparator;
import java.util.Random;

/**
 * Test values of one {@link KeyType}: random ones, ones close to a given value (so that pairs often
 * differ in the last digit, bit or character, where encodings go wrong), and the SQL comparison the
 * encoding has to reproduce.
 */
record ValueDomain(KeyType type, Generator random, Neighbour near, Comparator<Object> sqlOrder) {

    interface Generator {
        Object next(Random r);
    }

    interface Neighbour {
        Object near(Random r, Object value);
    }

    /**
     * SQL comparison of two values (either may be null) of this type in {@code order}, as -1, 0 or 1:
     * NULL placement from the order, then the value order, reversed for DESC.
     */
    int compare(Object a, Object b, KeyOrder order) {
        if (a == null || b == null) {
            if (a == b) return 0;
            int nullVsValue = order.nullsFirst() ? -1 : 1;
            return a == null ? nullVsValue : -nullVsValue;
        }
        int c = Integer.signum(sqlOrder.compare(a, b));
        return order.isDescending() ? -c : c;
    }

    /** A random value, or null about one time in {@code 1/nullOneIn}. */
    Object randomOrNull(Random r, int nullOneIn) {
        return r.nextInt(nullOneIn) == 0 ? null : random.next(r);
    }

    /** A value near {@code v} (a random one if {@code v} is null), sometimes null. */
    Object nearOrNull(Random r, Object v, int nullOneIn) {
        if (r.nextInt(nullOneIn) == 0) return null;
        return v == null ? random.next(r) : near.near(r, v);
    }
}
