package dev.rustreview.cli;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ChangeType;
import dev.rustreview.model.Commit;
import dev.rustreview.model.FileChange;
import java.io.PrintWriter;

/** The readable summary of a change set: what was compared, the commits, the files with +/- counts. */
final class ChangeSetText {

    private ChangeSetText() {
    }

    static void print(ChangeSet cs, PrintWriter out) {
        out.printf("%s..%s  (merge-base %s)%n", label(cs.base().spec(), cs.fromId()), label(cs.head().spec(), cs.toId()),
                shortId(cs.mergeBaseId()));
        out.printf("%d commit%s, %d file%s changed, +%d -%d%n", cs.commits().size(), plural(cs.commits().size()),
                cs.files().size(), plural(cs.files().size()), cs.additions(), cs.deletions());
        cs.nothingToReview().ifPresent(out::println);
        out.println();
        for (Commit c : cs.commits()) {
            out.printf("  %s %s  (%s)%n", c.shortId(), c.subject(), c.author().name());
        }
        if (!cs.commits().isEmpty()) {
            out.println();
        }
        for (FileChange f : cs.files()) {
            out.printf("  %-9s %s%s%n", statusOf(f), pathOf(f), detailOf(f));
        }
        out.flush();
    }

    private static String label(String spec, String id) {
        return spec == null ? shortId(id) : spec;
    }

    static String shortId(String id) {
        return id == null ? "-" : id.substring(0, Math.min(7, id.length()));
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String statusOf(FileChange f) {
        return switch (f.changeType()) {
            case ADDED -> "added";
            case DELETED -> "deleted";
            case MODIFIED -> "modified";
            case RENAMED -> "renamed";
            case COPIED -> "copied";
            case MODE_CHANGED -> "mode";
            case TYPE_CHANGED -> "type";
        };
    }

    private static String pathOf(FileChange f) {
        if (f.changeType() == ChangeType.RENAMED || f.changeType() == ChangeType.COPIED) {
            return f.oldPath() + " -> " + f.newPath() + " (" + f.similarity() + "%)";
        }
        return f.path();
    }

    private static String detailOf(FileChange f) {
        if (f.tooLarge()) {
            return "  [too large: " + f.oldSize() + " -> " + f.newSize() + " bytes]";
        }
        if (f.binary()) {
            return "  [binary: " + f.oldSize() + " -> " + f.newSize() + " bytes]";
        }
        if (!f.hasText()) {
            return "  [submodule]";
        }
        return "  +" + f.additions() + " -" + f.deletions();
    }
}
