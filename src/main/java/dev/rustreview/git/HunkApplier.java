package dev.rustreview.git;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Hunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Applies a subset of a file's hunks to its old text, in memory. Context and removed lines must match the old
 * text exactly where the hunk says; otherwise the hunk cannot stand alone and the whole operation is refused.
 */
final class HunkApplier {

    private HunkApplier() {
    }

    /** Splits text into lines that keep their terminators, so untouched lines come back byte for byte. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static String apply(String path, String oldText, List<Hunk> hunks, Function<Hunk, String> name) {
        List<String> old = lines(oldText);
        StringBuilder out = new StringBuilder();
        int cursor = 0;
        for (Hunk h : hunks.stream().sorted(Comparator.comparingInt(Hunk::oldStart)).toList()) {
            int at = h.oldCount() == 0 ? h.oldStart() : h.oldStart() - 1;
            if (at < cursor || at > old.size()) {
                throw refuse(path, h, name, "overlaps another accepted hunk or lies past the end of the file");
            }
            for (int i = cursor; i < at; i++) {
                out.append(old.get(i));
            }
            int pos = at;
            for (DiffLine line : h.lines()) {
                if (line.isAdded()) {
                    out.append(line.text()).append(line.noNewlineAtEnd() ? "" : line.crlf() ? "\r\n" : "\n");
                    continue;
                }
                if (pos >= old.size() || !strip(old.get(pos)).equals(line.text())) {
                    throw refuse(path, h, name, "does not match the merge-base at line " + (pos + 1));
                }
                if (!line.isRemoved()) {
                    out.append(old.get(pos));
                }
                pos++;
            }
            cursor = pos;
        }
        for (int i = cursor; i < old.size(); i++) {
            out.append(old.get(i));
        }
        return out.toString();
    }

    private static String strip(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    private static BadInputException refuse(String path, Hunk h, Function<Hunk, String> name, String why) {
        return new BadInputException("accepted hunk " + name.apply(h) + " (" + path + " " + h.header() + ") " + why
                + ": it cannot be applied without the hunks around it; accept or reject those too");
    }
}
