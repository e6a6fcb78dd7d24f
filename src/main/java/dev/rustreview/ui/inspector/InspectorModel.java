package dev.rustreview.ui.inspector;

import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The inspector's state: the details of the navigator's selected hunk, or null. Tested without a scene. */
public final class InspectorModel {

    private final ReadOnlyObjectWrapper<HunkDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HunkEntry> entry = new ReadOnlyObjectWrapper<>();
    private final NavigatorModel navigator;

    public InspectorModel(NavigatorModel navigator) {
        this.navigator = navigator;
        navigator.selectedProperty().addListener((obs, o, ref) -> update(ref));
        navigator.analysisProperty().addListener((obs, o, a) -> update(navigator.selectedProperty().get()));
        update(navigator.selectedProperty().get()); // the analysis may already have selected its first unit
    }

    private void update(HunkRef ref) {
        var analysis = navigator.analysisProperty().get();
        HunkEntry e = ref == null || analysis == null ? null : navigator.entry(ref).orElse(null);
        // The entry first: listeners of details read it.
        entry.set(e);
        details.set(e == null ? null : HunkDetails.of(analysis, e));
    }

    /** The selected hunk as the navigator flattened it (its {@code analysis().id()} is the review's hunk id), or null. */
    public ReadOnlyObjectProperty<HunkEntry> entryProperty() {
        return entry.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HunkDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }
}
