package dev.rustreview.ui.inspector;

import static dev.rustreview.ui.inspector.InspectorNodes.badge;
import static dev.rustreview.ui.inspector.InspectorNodes.section;
import static dev.rustreview.ui.inspector.InspectorNodes.text;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.review.RuleMute;
import dev.rustreview.review.RuleMutes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The unit's findings grouped by rule, most severe rule first, each group a header "PN1 × 12" that opens and closes
 * its {@link FindingCard}s, with Mute (for this review, for the repository) or Unmute. Groups with a critical or high
 * finding, and single findings, start open; muted rules start closed. The choice holds while the unit is shown.
 */
final class FindingGroups {

    private final FindingCard cards;
    private final FocusKeeper keys;
    private final Set<String> opened = new HashSet<>();
    private final Set<String> closed = new HashSet<>();
    private BiConsumer<String, RuleMute.Scope> onMute = (r, s) -> { };
    private Consumer<String> onUnmute = r -> { };
    private Runnable repaint = () -> { };

    FindingGroups(FindingCard cards, FocusKeeper keys) {
        this.cards = cards;
        this.keys = keys;
    }

    void actions(BiConsumer<String, RuleMute.Scope> mute, Consumer<String> unmute, Runnable refresh) {
        onMute = mute;
        onUnmute = unmute;
        repaint = refresh;
    }

    /** Another unit is shown: groups go back to their default open or closed state. */
    void forget() {
        opened.clear();
        closed.clear();
    }

    /** Opens the group holding {@code ruleId} (the {@code f} key reached one of its findings). */
    void open(String ruleId) {
        closed.remove(ruleId);
        opened.add(ruleId);
    }

    List<Node> render(HunkReview r, InlineField inline, RuleMutes mutes) {
        List<Node> out = new ArrayList<>();
        List<HunkReview.FindingStatus> all = r.findings();
        out.add(section(all.isEmpty() ? "No findings" : "Findings (" + all.size() + ")"));
        Map<String, List<HunkReview.FindingStatus>> byRule = new LinkedHashMap<>();
        all.stream().sorted(java.util.Comparator.comparing((HunkReview.FindingStatus f) -> f.finding().severity())
                        .thenComparing(f -> f.finding().ruleId()))
                .forEach(f -> byRule.computeIfAbsent(f.finding().ruleId(), k -> new ArrayList<>()).add(f));
        byRule.forEach((rule, list) -> out.add(group(rule, list, r, inline, mutes)));
        return out;
    }

    private Node group(String rule, List<HunkReview.FindingStatus> list, HunkReview r, InlineField inline,
                       RuleMutes mutes) {
        boolean muted = mutes.muted(rule);
        Severity highest = list.stream().map(f -> f.finding().severity()).min(Enum::compareTo).orElseThrow();
        boolean noteHere = inline != null && list.stream().anyMatch(f -> f.finding().id().equals(inline.findingId));
        boolean byDefault = !muted && (list.size() == 1 || highest.atLeast(Severity.HIGH));
        boolean open = noteHere || opened.contains(rule) || byDefault && !closed.contains(rule);
        VBox box = new VBox(4);
        box.getStyleClass().add("finding-group");
        Hyperlink toggle = new Hyperlink((open ? "\u25be " : "\u25b8 ") + rule + " \u00d7 " + list.size());
        toggle.getStyleClass().add("finding-group-toggle");
        toggle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        keys.key(toggle, "group-" + rule);
        toggle.setOnAction(e -> {
            if (open) {
                opened.remove(rule);
                closed.add(rule);
            } else {
                closed.remove(rule);
                opened.add(rule);
            }
            repaint.run();
        });
        HBox head = new HBox(6, toggle, badge(highest.label(), "severity-" + highest.label()));
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("finding-group-head");
        if (muted) {
            javafx.scene.control.Label badge = badge("muted", "muted-badge");
            badge.setTooltip(new javafx.scene.control.Tooltip(mutes.why(rule).orElse("muted")));
            head.getChildren().add(badge);
            Button unmute = new Button("Unmute");
            unmute.getStyleClass().addAll("small", "unmute-button");
            keys.key(unmute, "unmute-" + rule);
            unmute.setDisable(!r.reviewOpen());
            unmute.setOnAction(e -> onUnmute.accept(rule));
            unmute.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            head.getChildren().add(unmute);
        } else {
            MenuButton mute = new MenuButton("Mute");
            mute.getStyleClass().addAll("small", "mute-button");
            keys.key(mute, "mute-" + rule);
            MenuItem here = new MenuItem("Mute " + rule + " for this review");
            here.setOnAction(e -> onMute.accept(rule, RuleMute.Scope.REVIEW));
            MenuItem repo = new MenuItem("Mute " + rule + " for the repository (.rust-review.json)");
            repo.setOnAction(e -> onMute.accept(rule, RuleMute.Scope.REPOSITORY));
            mute.getItems().addAll(here, repo);
            mute.setDisable(!r.reviewOpen());
            mute.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            head.getChildren().add(mute);
        }
        box.getChildren().add(head);
        if (!open) {
            // Closed: one line says what the group is about, under its header (the header must not be clipped).
            String why = muted ? mutes.why(rule).orElse("muted") + " \u00b7 " : "";
            box.getChildren().add(text(why + list.get(0).finding().title()
                    + (list.size() > 1 ? " (and " + (list.size() - 1) + " more)" : ""), "muted"));
        } else {
            list.stream().sorted(java.util.Comparator.comparingInt(f -> f.finding().startLine()))
                    .forEach(f -> box.getChildren().add(cards.render(f, r, inline)));
        }
        return box;
    }

    /** The finding ids shown open (for tests). */
    static List<String> ids(List<HunkReview.FindingStatus> list) {
        return list.stream().map(HunkReview.FindingStatus::finding).map(Finding::id).toList();
    }
}
