package dev.rustreview.analysis.crate;

/** Which kind of lock a guard comes from, as far as the file shows. */
public enum LockOrigin {
    /** {@code std::sync::Mutex} / {@code RwLock}: blocking, poisoning. */
    STD("std::sync"),
    /** {@code parking_lot::Mutex} / {@code RwLock}: blocking, no poisoning. */
    PARKING_LOT("parking_lot"),
    /** {@code tokio::sync}, {@code futures::lock}, {@code async_std::sync}: acquired with {@code .await}. */
    ASYNC("tokio::sync"),
    /** {@code spin::Mutex} / {@code RwLock}: a busy-waiting lock, no poisoning. */
    SPIN("spin"),
    /** {@code RefCell::borrow_mut()} / {@code borrow()}: single-threaded, panics on conflict. */
    REFCELL("RefCell"),
    /** A lock whose type the file does not show. */
    UNKNOWN("unknown"),
    /** Not a lock at all (the type is visible and holds none). */
    NONE("none");

    private final String label;

    LockOrigin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
