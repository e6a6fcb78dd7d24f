package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Added lines that are a removed line with one negation {@code !} added or taken away and nothing else changed
 * (whitespace aside): the shared reading of ER26 (an error test inverted) and AL40 (a timeout test inverted). A guard
 * clause turned around is left out: {@code if !x { handle }} replaced by {@code if x { return ..; }} with the handling
 * after it is the same test written the other way (slint c5431669, a helper extracted by an agent), while
 * {@code if !x { return .. }} to {@code if x { return .. }} still is a flip.
 */
final class NegationToggles {

    /**
     * A negation: not a macro's ({@code assert!}) and not {@code !=}. Lines are read without whitespace, so
     * {@code if !x} is {@code if!x}: a keyword before it is no macro name.
     */
    private static final Pattern NOT = Pattern.compile("(?:(?<![\\w!])|(?<=(?<!\\w)(?:if|while|return|match|in|else)))"
            + "!(?!=)");
    private static final Pattern EXIT = Pattern.compile("(?:return\\b.*|continue(?:\\s+'\\w+)?|break(?:\\s+'\\w+)?)\\s*;?");
    private static final int MAX_LINE = 400;

    private NegationToggles() {
    }

    /** The added lines the candidate test accepts whose negation was toggled, at most {@code limit}. */
    static List<AddedLines.Line> in(ChangedFile file, Predicate<AddedLines.Line> candidate, int limit) {
        List<AddedLines.Line> out = new ArrayList<>();
        if (file.oldText() == null || file.newText() == null) {
            return out;
        }
        Set<String> removed = new HashSet<>(AddedLines.removedNormal(file));
        boolean negations = removed.stream().anyMatch(r -> r.contains("!"));
        Map<String, String> unnegated = null;
        Map<String, Integer> removedAt = null;
        String[] newLines = null;
        String[] oldLines = null;
        for (AddedLines.Line line : AddedLines.of(file)) {
            if (out.size() >= limit) {
                break;
            }
            String now = line.text().replaceAll("\\s+", "");
            if (!(negations || now.contains("!")) || removed.contains(now)) {
                continue;
            }
            if (unnegated == null) {
                unnegated = unnegated(removed);
                newLines = file.newText().split("\n", -1);
                oldLines = file.oldText().split("\n", -1);
                removedAt = removedAt(file, oldLines);
            }
            Optional<String> was = counterpart(now, removed, unnegated);
            if (was.isPresent() && !guardTurnedAround(newLines, line.number(), oldLines, removedAt.get(was.get()))
                    && candidate.test(line)) {
                out.add(line);
            }
        }
        return out;
    }

    /** Each removed line with one of its negations taken out, to the line it came from (at most 8 a line). */
    private static Map<String, String> unnegated(Set<String> removed) {
        Map<String, String> out = new HashMap<>();
        for (String r : removed) {
            if (r.length() > MAX_LINE) {
                continue;
            }
            Matcher m = NOT.matcher(r);
            int n = 0;
            while (m.find() && n++ < 8) {
                out.putIfAbsent(r.substring(0, m.start()) + r.substring(m.end()), r);
            }
        }
        return out;
    }

    /** The removed line the added one is with one negation added or taken from it. */
    private static Optional<String> counterpart(String now, Set<String> removed, Map<String, String> unnegated) {
        if (now.length() > MAX_LINE) {
            return Optional.empty();
        }
        if (unnegated.containsKey(now)) {
            return Optional.of(unnegated.get(now)); // a `!` the old line had is gone
        }
        Matcher m = NOT.matcher(now);
        int n = 0;
        while (m.find() && n++ < 8) {
            String without = now.substring(0, m.start()) + now.substring(m.end());
            if (removed.contains(without)) {
                return Optional.of(without); // a `!` added
            }
        }
        return Optional.empty();
    }

    /** Each removed line's whitespace-free text to the first old line number holding it. */
    private static Map<String, Integer> removedAt(ChangedFile file, String[] oldLines) {
        Map<String, Integer> out = new HashMap<>();
        for (int l = 1; l <= oldLines.length; l++) {
            if (file.removed(l) && oldLines[l - 1].length() <= MAX_LINE) {
                out.putIfAbsent(oldLines[l - 1].replaceAll("\\s+", ""), l);
            }
        }
        return out;
    }

    /**
     * Whether the added {@code if} only exits ({@code if x { return true; }}) where the removed one (old line
     * {@code was}) did more: the guard clause turned around, its handling moved after it.
     */
    private static boolean guardTurnedAround(String[] newLines, int number, String[] oldLines, Integer was) {
        if (was == null || !newLines[number - 1].strip().endsWith("{") || !exitsOnly(newLines, number)) {
            return false;
        }
        return !exitsOnly(oldLines, was);
    }

    /** Whether the block opened on the given line holds one early exit and closes on the line after it. */
    private static boolean exitsOnly(String[] lines, int opener) {
        int next = nextNonBlank(lines, opener);
        if (next < 0 || !EXIT.matcher(lines[next].strip()).matches()) {
            return false;
        }
        int close = nextNonBlank(lines, next + 1);
        return close >= 0 && lines[close].strip().startsWith("}");
    }

    private static int nextNonBlank(String[] lines, int from) {
        for (int i = from; i < lines.length && i < from + 4; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
