package dev.rustreview.ui.navigator;

import atlantafx.base.theme.Styles;
import dev.rustreview.model.Severity;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The navigator's noise controls: which findings count (≥ high, ≥ medium, all) and what was left out, "3 muted ·
 * 40 below medium", whose menu lists the muted rules with an Unmute each. Muted findings are never dropped
 * silently: the count is always there.
 */
public final class NoiseBar extends javafx.scene.layout.VBox {

    /** The choices, in the order shown; a null severity counts every finding. */
    public static final List<Severity> CHOICES = java.util.Arrays.asList(Severity.HIGH, Severity.MEDIUM, null);

    private final NavigatorModel model;
    private final ToggleGroup choices = new ToggleGroup();
    private final MenuButton hidden = new MenuButton();
    private Consumer<String> onUnmute = r -> { };

    public NoiseBar(NavigatorModel model) {
        super(2);
        this.model = model;
        getStyleClass().add("noise-bar");
        HBox pills = new HBox();
        pills.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < CHOICES.size(); i++) {
            Severity s = CHOICES.get(i);
            ToggleButton b = new ToggleButton(s == null ? "all findings" : label(s));
            b.setUserData(s == null ? "all" : s);
            b.setToggleGroup(choices);
            b.setTooltip(new Tooltip(s == null ? "Findings: count every finding"
                    : "Findings: count only " + s.label() + " and more severe findings; units stay, the rest just stop flagging them"));
            b.getStyleClass().addAll(Styles.SMALL, i == 0 ? Styles.LEFT_PILL : i == CHOICES.size() - 1
                    ? Styles.RIGHT_PILL : Styles.CENTER_PILL, "noise-" + (s == null ? "all" : s.label()));
            b.setSelected(s == model.noise().minimumProperty().get());
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, javafx.scene.layout.Priority.ALWAYS);
            pills.getChildren().add(b);
        }
        choices.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                choices.selectToggle(old); // one choice is always on
            } else {
                model.noise().minimumProperty().set(t.getUserData() instanceof Severity s ? s : null);
            }
        });
        model.noise().minimumProperty().addListener((obs, o, s) -> choices.getToggles().stream()
                .filter(t -> t.getUserData() == (s == null ? "all" : s)).findFirst().ifPresent(choices::selectToggle));
        hidden.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "noise-hidden");
        getChildren().addAll(pills, hidden);
        model.rootProperty().addListener((obs, o, n) -> update());
        update();
    }

    /** Called with a rule id when the reviewer picks "Unmute" in the menu. */
    public void setOnUnmute(Consumer<String> action) {
        onUnmute = action == null ? r -> { } : action;
    }

    static String label(Severity s) {
        return s == null ? "all" : "\u2265 " + s.label();
    }

    /** "3 muted · 40 below medium", or empty; the menu names the muted rules. */
    public String hiddenText() {
        return hidden.getText();
    }

    private void update() {
        List<HunkEntry> all = model.allHunks().stream().map(r -> model.entry(r).orElse(null))
                .filter(e -> e != null).toList();
        NoiseFilter.Hidden h = model.noise().hidden(all);
        Severity min = model.noise().minimumProperty().get();
        String text = (h.muted() > 0 ? h.muted() + " muted" : "")
                + (h.muted() > 0 && h.below() > 0 ? " \u00b7 " : "")
                + (h.below() > 0 ? h.below() + " below " + min.label() : "");
        hidden.setText(text);
        var rules = model.noise().mutesProperty().get().rules();
        hidden.setVisible(!text.isEmpty() || !rules.isEmpty());
        hidden.setManaged(hidden.isVisible());
        hidden.getItems().clear();
        if (h.below() > 0) {
            MenuItem showAll = new MenuItem("Count every finding");
            showAll.setOnAction(e -> model.noise().minimumProperty().set(null));
            hidden.getItems().add(showAll);
        }
        if (!rules.isEmpty()) {
            if (!hidden.getItems().isEmpty()) {
                hidden.getItems().add(new SeparatorMenuItem());
            }
            for (String rule : rules) {
                long n = all.stream().flatMap(e -> e.findings().stream()).filter(f -> f.ruleId().equals(rule)).count();
                String why = model.noise().mutesProperty().get().why(rule).orElse("muted");
                MenuItem unmute = new MenuItem("Unmute " + rule + " (" + n + " findings, " + why + ")");
                unmute.setOnAction(e -> onUnmute.accept(rule));
                hidden.getItems().add(unmute);
            }
        }
    }
}
