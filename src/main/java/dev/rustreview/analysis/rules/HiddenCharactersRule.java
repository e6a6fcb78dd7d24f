package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SR1: Trojan Source. Bidirectional controls and invisible characters on added lines of any text file,
 * comments and strings included, because that is where they hide. Columns are 1-based code point columns.
 */
public final class HiddenCharactersRule implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SR1", RiskArea.SOURCE, Severity.CRITICAL, "hidden or bidi characters",
            "Unicode bidirectional controls (U+202A..U+202E, U+2066..U+2069, U+061C) and invisible characters "
                    + "(U+200B..U+200F, U+2060..U+2064, U+FEFF after the file start, U+00AD, U+180E) on added lines of any text file.",
            "It does not detect look-alike letters from other scripts (homoglyphs) in identifiers.");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.change().hasText()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Hunk hunk : file.change().hunks()) {
            for (DiffLine line : hunk.lines()) {
                if (!line.isAdded()) {
                    continue;
                }
                List<String> hits = scan(line.text(), line.newLine() == 1);
                if (hits.isEmpty()) {
                    continue;
                }
                boolean bidi = hits.stream().anyMatch(h -> h.contains("bidi"));
                FindingBuilder b = FindingBuilder.lines(INFO, file, Side.NEW, line.newLine(), line.newLine())
                        .title((bidi ? "bidirectional control" : "invisible character") + " in added line: "
                                + String.join(", ", hits.stream().map(h -> h.substring(0, h.indexOf(' '))).toList()))
                        .explanation("Line " + line.newLine() + " contains " + String.join("; ", hits) + ". "
                                + (bidi ? "Bidirectional controls reorder how text is displayed, so the code a reviewer "
                                + "reads differs from the code the compiler sees (Trojan Source, CVE-2021-42574)."
                                : "Invisible characters make two identifiers or strings that look the same differ, or "
                                + "hide content from the reviewer."))
                        .check("View the line with control characters shown (e.g. `cat -A`) and remove them unless the "
                                + "text genuinely needs them; in that case write them as \\u{..} escapes.");
                hits.forEach(b::object);
                out.add(b.build());
            }
        }
        return out;
    }

    /** "U+202E RIGHT-TO-LEFT OVERRIDE (bidi) at column 17" for each suspicious code point. */
    static List<String> scan(String text, boolean firstLine) {
        List<String> hits = new ArrayList<>();
        int column = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            column++;
            String kind = kind(cp, firstLine && i == 0);
            if (kind != null) {
                String name = Character.getName(cp);
                hits.add(String.format(Locale.ROOT, "U+%04X %s (%s) at column %d", cp,
                        name == null ? "" : name, kind, column));
            }
            i += Character.charCount(cp);
        }
        return hits;
    }

    private static String kind(int cp, boolean fileStart) {
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C) {
            return "bidi";
        }
        if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x00AD || cp == 0x180E) {
            return "invisible";
        }
        if (cp == 0xFEFF && !fileStart) {
            return "invisible";
        }
        return null;
    }
}
