package dev.rustreview.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values computed once per owner (a parsed tree, a changed file) and shared by every rule that asks: the first
 * value stored for a key and type wins. A value is known by both, so two derivations may share a key (the new
 * side's outline and the new side's changed fns) without one being cast to the other's type. One derivation may
 * ask for another (the crate model's file view asks for the lock facts, which ask for the type facts), so the value
 * is computed outside the map: {@code computeIfAbsent} would throw "Recursive update" whenever the two keys
 * happened to share a bin.
 */
final class DerivedValues {

    private record Key(Object key, Class<?> type) {
    }

    private final Map<Key, Object> values = new ConcurrentHashMap<>();

    <T> T get(Object key, Class<T> type, Supplier<T> compute) {
        Key k = new Key(key, type);
        Object known = values.get(k);
        if (known != null) {
            return type.cast(known);
        }
        T value = compute.get();
        Object raced = values.putIfAbsent(k, value);
        return type.cast(raced != null ? raced : value);
    }
}
