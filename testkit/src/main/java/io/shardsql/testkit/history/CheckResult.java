package io.shardsql.testkit.history;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the checker found in a history.
 *
 * @param anomalies       every anomaly, grouped by type in the order of {@link Anomaly.Type}
 * @param ok              transactions that committed
 * @param failed          transactions that definitely did not
 * @param unknown         transactions of unknown outcome
 * @param unknownObserved of those, the ones a read showed had committed (they join the graph)
 * @param edges           edges of the dependency graph
 */
public record CheckResult(List<Anomaly> anomalies, int ok, int failed, int unknown, int unknownObserved,
                          int edges) {
    public CheckResult {
        anomalies = List.copyOf(anomalies);
    }

    /** No anomaly: the history is consistent with snapshot isolation. */
    public boolean valid() { return anomalies.isEmpty(); }

    /** The anomalies of one type. */
    public List<Anomaly> of(Anomaly.Type type) {
        return anomalies.stream().filter(a -> a.type() == type).toList();
    }

    /** How many anomalies of each type were found. */
    public Map<Anomaly.Type, Long> counts() {
        return anomalies.stream().collect(Collectors.groupingBy(Anomaly::type, () -> new EnumMap<>(Anomaly.Type.class),
                Collectors.counting()));
    }

    /** One line of figures and the counts, then the first few anomalies of each type. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d ok, %d failed, %d unknown (%d seen committed), %d edges, anomalies %s",
                ok, failed, unknown, unknownObserved, edges, counts()));
        for (Anomaly.Type t : Anomaly.Type.values()) {
            of(t).stream().limit(3).forEach(a -> sb.append("\n  ").append(a));
        }
        return sb.toString();
    }
}
