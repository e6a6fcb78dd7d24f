package dev.rustreview.ui.exporting;

import dev.rustreview.review.AcceptedChanges;

/**
 * Writes {@code branch} holding the prepared accepted hunks and returns its commit id. Does git I/O, so it is
 * called off the FX thread (the window passes its backend's {@code writeAcceptedBranch}).
 */
@FunctionalInterface
public interface BranchWriter {
    String writeAcceptedBranch(AcceptedChanges.Prepared accepted, String branch);
}
