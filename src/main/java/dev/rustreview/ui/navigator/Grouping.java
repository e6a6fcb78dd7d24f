package dev.rustreview.ui.navigator;

/** How the change navigator groups hunks. */
public enum Grouping {
    CATEGORY("Category"),
    FILE("File"),
    COMMIT("Commit"),
    RISK("Risk");

    private final String label;

    Grouping(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
