package dev.rustreview.model;

/** How hard a finding asks for the reviewer's attention, most severe first. */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW;

    /** Whether this is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** One step less severe (LOW stays LOW). */
    public Severity lower() {
        return this == LOW ? LOW : values()[ordinal() + 1];
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code critical}, {@code HIGH}, ... ignoring case. */
    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
