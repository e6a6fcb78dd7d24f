package dev.rustreview.ui.changes;

import dev.rustreview.model.Commit;

/** An entry of the commit list: the whole branch (commit null) or one commit of it. */
public record CommitScope(Commit commit, int commitCount) {

    public boolean wholeBranch() {
        return commit == null;
    }

    public String label() {
        return wholeBranch()
                ? "All " + commitCount + " commits (merge-base \u2192 head)"
                : commit.shortId() + "  " + commit.subject();
    }
}
