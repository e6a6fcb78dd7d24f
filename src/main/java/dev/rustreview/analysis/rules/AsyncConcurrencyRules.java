package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RiskRule;
import java.util.List;

/** The async-lifetimes, shared-state and concurrency rules of RISK-RULES.md, in id order. */
public final class AsyncConcurrencyRules {

    private AsyncConcurrencyRules() {
    }

    public static List<RiskRule> all() {
        return List.of(
                new AwaitHoldingGuard(),
                new AsyncLifetimes(),
                new PinUnchecked(),
                new SelectCancellation(),
                new DroppedFuture(),
                new SharedLockedState(),
                new GlobalMutableState(),
                new InteriorMutableFields(),
                new ArcIntoSpawn(),
                new DoubleLock(),
                new NestedLocks(),
                new CallWhileLocked(),
                new AtomicOrdering(),
                new CondvarMisuse(),
                new BlockingInAsync(),
                new SleepSyncedTest());
    }
}
