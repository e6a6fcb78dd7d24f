package dev.rustreview.ui.navigator;

/** How the change navigator groups review units. */
public enum Grouping {
    /** The review plan: units with critical or high findings first, then the rest by the analyzer's priority. */
    PLAN("Plan"),
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
