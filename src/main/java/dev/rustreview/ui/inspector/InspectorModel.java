package dev.rustreview.ui.inspector;

import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The inspector's state: the details of the navigator's selected hunk, or null. Tested without a scene. */
public final class InspectorModel {

    private final ReadOnlyObjectWrapper<HunkDetails> details = new ReadOnlyObjectWrapper<>();
    private final NavigatorModel navigator;

    public InspectorModel(NavigatorModel navigator) {
        this.navigator = navigator;
        navigator.selectedProperty().addListener((obs, o, ref) -> update(ref));
        navigator.analysisProperty().addListener((obs, o, a) -> update(navigator.selectedProperty().get()));
    }

    private void update(HunkRef ref) {
        var analysis = navigator.analysisProperty().get();
        details.set(ref == null || analysis == null ? null
                : navigator.entry(ref).map(e -> HunkDetails.of(analysis, e)).orElse(null));
    }

    public ReadOnlyObjectProperty<HunkDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }
}
