package io.shardsql.protocol.value;

import java.util.Arrays;
import java.util.List;

/** One row of a result: its values in column order (SQL NULL is {@link Value#NULL}, never null). */
public record Row(List<Value> values) {
    public Row {
        values = List.copyOf(values);
    }

    public static Row of(Value... values) {
        return new Row(Arrays.asList(values));
    }

    public int size() {
        return values.size();
    }

    public Value get(int index) {
        return values.get(index);
    }
}
