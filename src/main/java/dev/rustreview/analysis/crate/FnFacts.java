package dev.rustreview.analysis.crate;

import java.util.List;

/**
 * The facts of one fn, found in one pass and shared by every rule: lock acquisitions, calls, calls and
 * second locks made while a guard is alive, and whether the fn itself panics, blocks, awaits or notifies.
 *
 * @param key {@code Type::name} for a method, the fn name for a free fn
 * @param panics the first panicking call or macro (without the {@code .lock().unwrap()} idiom), or null
 * @param blocks the first blocking call, or null
 * @param wakes the first waker woken ({@code .wake()}, {@code .wake_by_ref()}), or null
 * @param atomic the first atomic operation (a method given an {@code Ordering}), or null
 * @param returnsGuard whether the signature returns a lock guard ({@code -> MutexGuard<'_, Wheel>})
 * @param callsParamUnderLock whether the fn calls one of its parameters while a guard is alive ({@code f(&guard)})
 * @param forwards calls on {@code self} whose arguments call or pass on one of the fn's parameters
 *                 ({@code self.write(move |ctx| reader(&ctx.input))}): how a fn hands its closure to another
 */
public record FnFacts(String key, String path, int line, boolean isAsync, boolean test, List<Acquire> acquires,
                      List<Refs.CallRef> calls, List<HeldCall> heldCalls, List<Nested> nested, String panics,
                      String blocks, boolean awaits, boolean notifies, String wakes, String atomic, boolean returnsGuard,
                      boolean callsParamUnderLock, List<Refs.CallRef> forwards) {

    /** These facts with what the signature says: a returned guard, parameters called under a guard. */
    FnFacts withSignature(boolean guard, java.util.Set<String> params) {
        boolean called = heldCalls.stream().anyMatch(h -> !h.call().isMethod() && params.contains(h.call().path()));
        return new FnFacts(key, path, line, isAsync, test, acquires, calls, heldCalls, nested, panics, blocks, awaits,
                notifies, wakes, atomic, guard, called, forwards);
    }

    /** A lock taken: where it is, how (method, lock family), on which line. */
    public record Acquire(Refs.Place place, String method, LockOrigin origin, boolean exclusive, int line) {
    }

    /** A call made while the guard of {@code held} is alive. */
    public record HeldCall(Acquire held, Refs.CallRef call, int line) {
    }

    /** A second lock taken while the guard of {@code first} is alive. */
    public record Nested(Acquire first, Acquire second) {
    }
}
