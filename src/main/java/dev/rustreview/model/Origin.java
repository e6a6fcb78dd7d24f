package dev.rustreview.model;

/** Whether a finding's code is new with the change or was already there at the merge-base. */
public enum Origin {
    /** The change adds the flagged code or makes it risky. */
    INTRODUCED("introduced"),
    /** The same rule flags the same code in the same item at the merge-base: the change only touched near it. */
    PRE_EXISTING("pre-existing");

    private final String label;

    Origin(String label) {
        this.label = label;
    }

    /** As written in the analysis JSON ({@code "pre-existing"}). */
    public String label() {
        return label;
    }
}
