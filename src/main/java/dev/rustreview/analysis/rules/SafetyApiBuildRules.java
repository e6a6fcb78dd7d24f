package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RiskRule;
import java.util.List;

/** The unsafe, panic, error, API, build and source rules of RISK-RULES.md, in id order. */
public final class SafetyApiBuildRules {

    private SafetyApiBuildRules() {
    }

    /** US1..US16, PN1..PN13, ER1..ER9, AP1..AP2, BD1..BD2, SR1; stateless, so one list can be shared across threads. */
    public static List<RiskRule> all() {
        return List.of(
                new UnsafeCodeRule(),
                new UnsafeSendSyncRule(),
                new RawMemoryRule(),
                new FfiRule(),
                new SendSyncMarkerRemoved(),
                new UnsafeCheckRemoved(),
                new UnsafeUnguarded(),
                new OwnershipHandoffRemoved(),
                new MutFromShared(),
                new TypePromiseRemoved(),
                new SharedAcrossMutable(),
                new InitialisationRemoved(),
                new UnsafeGuardClauseRemoved(),
                new PointerOffsetChanged(),
                new UnboundReturnLifetime(),
                new DropOrderChanged(),
                new HandleOfTemporary(),
                new DropBeforeFreeRemoved(),
                new UncheckedBeforeDecrement(),
                new PanicRule(),
                new IndexArithmeticRule(),
                new PanicUnguarded(),
                new UpdateAfterCallerCode(),
                new PanickingTwinAdded(),
                new StateRestoredAfterCallerCode(),
                new PanickingCheckRemoved(),
                new ZeroSizedDivisor(),
                new UnwindCatchRemoved(),
                new RefCellReborrowed(),
                new LimitGuardClauseRemoved(),
                new BoundCheckReversed(),
                new CopyLengthMismatch(),
                new ZeroCapacityChannel(),
                new PresenceGuardClauseRemoved(),
                new EmptyExitNarrowed(),
                new TakenStateLeftOnError(),
                new RecursionBoundRemoved(),
                new EmptyVecIndexed(),
                new PoisonRecoveryRemoved(),
                new RemovedInsideIndexLoop(),
                new StrSlicedAtByteOffset(),
                new SwallowedErrorRule(),
                new FailureAsSuccess(),
                new ErrorReportRemoved(),
                new ErrorKindsNarrowed(),
                new InnerResultDiscarded(),
                new IoCountDiscarded(),
                new ErrorPathCleanupRemoved(),
                new ErrorExitNarrowed(),
                new CheckedConversionDropped(),
                new FallibleMadePanicking(),
                new ErrorArmMadeSuccess(),
                new TypedErrorFlattened(),
                new ErrorBranchCollapsed(),
                new EffectInDebugAssertion(),
                new ErrorDeferredPastReset(),
                new ErrorMatchedByText(),
                new ZeroProgressLoop(),
                new DoneFlagSkippedOnError(),
                new WriteMovedBeforeCheck(),
                new ClearSkippedOnError(),
                new StepSkippedOnError(),
                new ErrorReadAsEnd(),
                new ResultFlattenedToOption(),
                new FailureFlagNotSetOnError(),
                new PropagationReplacedByLog(),
                new ResultPolarityFlipped(),
                new ErrorArmReducedToLog(),
                new PublicApiRule(),
                new LintGuardRule(),
                new DependencyRule(),
                new BuildScriptRule(),
                new HiddenCharactersRule());
    }
}
