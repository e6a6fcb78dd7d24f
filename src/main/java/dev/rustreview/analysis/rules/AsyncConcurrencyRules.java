package dev.rustreview.analysis.rules;
import dev.rustreview.analysis.crate.TreeCache;

import dev.rustreview.analysis.RiskRule;
import java.util.List;

/** The async-lifetimes, shared-state and concurrency rules of RISK-RULES.md, in id order. */
public final class AsyncConcurrencyRules {

    private AsyncConcurrencyRules() {
    }

    /** A fresh rule set; its rules share one per-file index, so use the set for one analysis at a time or many. */
    public static List<RiskRule> all() {
        TreeCache cache = new TreeCache();
        return List.of(
                new AwaitHoldingGuard(),
                new AsyncLifetimes(cache),
                new PinUnchecked(cache),
                new SelectCancellation(cache),
                new DroppedFuture(cache),
                new AwaitUnguarded(),
                new FusedFlagNotSet(),
                SpawnedWorkReleased.taskAbort(),
                new PendingIgnoredInLoop(),
                new PollGuardClauseRemoved(),
                new StateChangeStopsWaking(),
                new NonBlockingModeRemoved(),
                new RepollLoopNarrowed(),
                new CancelGuardLost(),
                new UnblockRemoved(),
                new DropActionMovedToHandle(),
                new ProgressLostOnPending(),
                new TimerOutsideRuntime(),
                new GuardLeftBehind(),
                new SignalRaceRemoved(),
                new SpawnInDrop(),
                new NotifiedAfterRelease(),
                new SelfWakeUnchecked(),
                new StreamEndMadePending(),
                new TokioFileNotFlushed(),
                new SpanGuardAcrossAwait(cache),
                new FutureDropRemoved(),
                new DashMapRefAcrossAwait(),
                new NotifiedHandedOutLate(),
                new DriverDiscarded(),
                new SharedLockedState(cache),
                new GlobalMutableState(cache),
                new InteriorMutableFields(cache),
                new ArcIntoSpawn(cache),
                new SharedTempFile(),
                new LockedCleanupRemoved(),
                new CloneDropImbalance(),
                new ClearInsteadOfRemove(),
                new UnregisterOnDropRemoved(),
                new WeakMadeStrong(),
                new ClearMadeToggle(),
                new InsertBeforeRemove(),
                new WatermarkAdvancedAfterRead(),
                new DoubleLock(),
                new NestedLocks(),
                new CallWhileLocked(),
                new AtomicOrdering(cache),
                new CondvarMisuse(),
                new BlockingInAsync(cache),
                new SleepSyncedTest(cache),
                new AtomicityViolation(),
                new SnapshotThenAct(),
                new ThreadBoundRemoved(),
                new WakeupPathRemoved(),
                new LockDropped(),
                new SelfAfterSignal(),
                new WakerFromFirstPoll(),
                new OrderingWeakened(),
                SpawnedWorkReleased.threadJoin(),
                new ExclusionCheckRemoved(),
                new SyncGuardClauseRemoved(),
                new PublishedOutOfOrder(),
                new PendingWithoutContext(),
                new LostRaceReportedWon(),
                new CountedInsideSpawn(),
                new ReplacedUnderItsLock(),
                new SignalTargetChanged(),
                new WaiterLoopNarrowed(),
                new WakeSkippedInMoreStates(),
                new RetryArmEmptied(),
                new ConcurrentMapGuardHeld(),
                new InsertWithoutRecheck(),
                new GuardNarrowed(),
                new SpinWaitRemoved(),
                new PipesReadInTurn(),
                new NotifyOutsideWaitersLock(),
                new SignalOnDropRemoved(),
                new LocksHeldInIterationOrder(),
                new OffloadRemoved(),
                new SwapTestReplacedByStore(),
                new GuardAcrossBlockOn());
    }
}
