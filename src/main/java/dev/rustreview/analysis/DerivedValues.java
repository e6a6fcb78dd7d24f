package dev.rustreview.analysis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values computed once per owner (a parsed tree, a changed file) and shared by every rule that asks: the first
 * value stored for a key wins. One derivation may ask for another (the crate model's file view asks for the lock
 * facts, which ask for the type facts), so the value is computed outside the map: {@code computeIfAbsent} would
 * throw "Recursive update" whenever the two keys happened to share a bin.
 */
final class DerivedValues {

    private final Map<Object, Object> values = new ConcurrentHashMap<>();

    <T> T get(Object key, Class<T> type, Supplier<T> compute) {
        Object known = values.get(key);
        if (known != null) {
            return type.cast(known);
        }
        T value = compute.get();
        Object raced = values.putIfAbsent(key, value);
        return type.cast(raced != null ? raced : value);
    }
}
