package dev.rustreview.ui.exporting;

import java.util.List;

/**
 * Adds a git note on {@code headCommit} with the review's records and returns the notes commit id. Does git
 * I/O, so it is called off the FX thread (the window passes its backend's {@code writeNotes}).
 */
@FunctionalInterface
public interface NotesWriter {
    String writeNotes(String headCommit, List<String> records);
}
