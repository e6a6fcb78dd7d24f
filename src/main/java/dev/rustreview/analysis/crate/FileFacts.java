package dev.rustreview.analysis.crate;

import java.util.List;
import java.util.Map;

/**
 * What one Rust file contributes to the crate index: its types (struct fields with their lock kind, type
 * aliases, statics, the targets of its {@code Deref} impls, its lock macros) and one {@link FnFacts} per fn. Plain strings and records, no syntax nodes, so it is
 * small, shareable across threads and cached by blob id.
 */
public record FileFacts(String path, Map<String, List<Field>> structs, Map<String, Field> aliases,
                        Map<String, Field> statics, List<FnFacts> fns, Map<String, LockMacro> lockMacros,
                        Map<String, String> derefs) {

    /**
     * A {@code macro_rules!} macro that takes a lock: its one argument's {@code .read()}, {@code .write()} or
     * {@code .lock()} (zenoh's {@code zread!(self.links)} is {@code self.links.read().unwrap()}), awaited or not.
     */
    public record LockMacro(String method, boolean awaited) {
    }

    /** A struct field (or alias, static): its type text and what kind of synchronisation it holds. */
    public record Field(String name, String type, LockOrigin origin, Sync sync, boolean reentrant) {
    }

    /** What a type is for concurrency: a lock, a condvar, an atomic, a cell, or nothing of the kind. */
    public enum Sync { LOCK, REFCELL, CONDVAR, ATOMIC, NONE }
}
