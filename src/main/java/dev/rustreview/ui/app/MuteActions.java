package dev.rustreview.ui.app;

import dev.rustreview.review.RuleMute;
import dev.rustreview.review.SharedMutes;
import java.util.List;

/**
 * Muting and unmuting a rule from the window: recorded in the review at once; "for the repository" also writes the
 * team's {@code .rust-review.json} into the work tree, off the FX thread, or says in one line how to share it when
 * the repository has no work tree. Every outcome is said in the status bar.
 */
final class MuteActions {

    private final MainWindow w;

    MuteActions(MainWindow window) {
        this.w = window;
    }

    void mute(String rule, RuleMute.Scope scope) {
        if (!w.review().mute(rule, scope)) {
            return; // the model said why in the status bar
        }
        long n = w.analysisProperty().get() == null ? 0 : w.analysisProperty().get().findings().stream()
                .filter(f -> f.ruleId().equals(rule)).count();
        String done = "Muted " + rule + " (" + n + " findings, still counted in the navigator's \u201cmuted\u201d menu)";
        if (scope != RuleMute.Scope.REPOSITORY) {
            w.statusBar().idle(done + " in this review");
            return;
        }
        ReviewBackend backend = w.backend();
        var tree = backend == null ? java.util.Optional.<java.nio.file.Path>empty() : backend.workTree();
        if (tree.isEmpty()) {
            w.statusBar().idle(done + " in this review; " + SharedMutes.howToShare(List.of(rule)));
            return;
        }
        w.async().run(() -> SharedMutes.write(tree.get(), rule, true),
                file -> w.statusBar().idle(done + " for the repository: wrote " + file
                        + "; commit it on the base branch to share it with the team"),
                e -> w.statusBar().error(dev.rustreview.ui.fx.ErrorText.of(e) + " (the rule stays muted in this review)"));
    }

    void unmute(String rule) {
        var before = w.review().sessionProperty().get() == null ? null
                : w.review().sessionProperty().get().review().mutes().get(rule);
        if (w.review().unmute(rule)) {
            boolean team = before != null && before.scope() == RuleMute.Scope.REPOSITORY
                    || w.review().mutes().sharedMutes(rule);
            w.statusBar().idle("Unmuted " + rule + " in this review" + (team
                    ? "; the team's " + SharedMutes.FILE + " may still list it under \"" + SharedMutes.KEY + "\""
                    : ""));
        }
    }
}
