package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Values derived once per owner, known by key and type. */
class DerivedValuesTest {

    private record Outline(String side) {
    }

    private record ChangedFns(int count) {
    }

    @Test
    void aValueIsComputedOnceAndTwoTypesMayShareAKey() {
        DerivedValues values = new DerivedValues();
        AtomicInteger computed = new AtomicInteger();
        Outline first = values.get("new", Outline.class, () -> {
            computed.incrementAndGet();
            return new Outline("new");
        });
        Outline again = values.get("new", Outline.class, () -> {
            computed.incrementAndGet();
            return new Outline("other");
        });
        assertThat(again).isSameAs(first);
        assertThat(computed).hasValue(1);
        // Same key, another type: its own value, not a ClassCastException on the outline stored first.
        assertThat(values.get("new", ChangedFns.class, () -> new ChangedFns(3))).isEqualTo(new ChangedFns(3));
        assertThat(values.get("new", Outline.class, () -> new Outline("late"))).isSameAs(first);
    }

    @Test
    void oneDerivationMayAskForAnotherWhileItIsComputed() {
        DerivedValues values = new DerivedValues();
        Outline outer = values.get("a", Outline.class,
                () -> new Outline("uses " + values.get("b", ChangedFns.class, () -> new ChangedFns(2)).count()));
        assertThat(outer.side()).isEqualTo("uses 2");
    }
}
