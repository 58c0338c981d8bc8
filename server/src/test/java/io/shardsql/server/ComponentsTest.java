package io.shardsql.server;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parts start in order and stop in reverse, on close and when a later part fails to start. */
class ComponentsTest {
    private final List<String> events = new ArrayList<>();
    private final Components parts = new Components(LoggerFactory.getLogger(ComponentsTest.class), "test");

    private String start(String name) {
        return parts.start(name, () -> {
            events.add("start " + name);
            return name;
        }, () -> events.add("stop " + name));
    }

    @Test
    void closeStopsInReverseOrderOnce() {
        assertThat(start("a")).isEqualTo("a");
        start("b");
        parts.added("c", () -> events.add("stop c"));
        parts.close();
        parts.close();
        assertThat(events).containsExactly("start a", "start b", "stop c", "stop b", "stop a");
    }

    @Test
    void aFailedStartStopsWhatStartedAndRethrows() {
        start("a");
        start("b");
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> parts.start("c", () -> {
            throw boom;
        }, () -> events.add("stop c"))).isSameAs(boom);
        assertThatThrownBy(() -> parts.run(() -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(events).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void aPartThatFailsToStopDoesNotKeepTheOthersRunning() {
        start("a");
        parts.added("b", () -> {
            throw new java.io.IOException("disk gone");
        });
        start("c");
        parts.close();
        assertThat(events).containsExactly("start a", "start c", "stop c", "stop a");
    }
}
