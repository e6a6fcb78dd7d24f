package dev.rustreview.cli;

import dev.rustreview.io.Json;
import dev.rustreview.model.Severity;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.Coverage;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.Round;
import dev.rustreview.review.SinceLast;
import dev.rustreview.review.SinceLastReview;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The read-only review subcommands: {@code status}, {@code rounds}, {@code since-last}. */
final class ReviewQueryCommands {

    enum Format { text, json }

    private ReviewQueryCommands() {
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Coverage and the ready state: units decided, findings acknowledged, open annotations.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws Exception {
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                Review r = o.review();
                Coverage c = o.session.coverage();
                PrintWriter out = spec.commandLine().getOut();
                List<Map<String, Object>> undecided = new ArrayList<>();
                List<Map<String, Object>> units = new ArrayList<>();
                Map<String, Integer> unchanged = o.session.unchangedUnits();
                for (HunkIndex.Entry e : o.session.index().entries()) {
                    units.add(unit(r, e, unchanged));
                    if (r.state(e.id()) == DecisionState.UNREVIEWED) {
                        Map<String, Object> u = new LinkedHashMap<>();
                        u.put("hunk", e.id());
                        u.put("path", e.path());
                        u.put("header", e.hunk().header());
                        u.put("item", e.hunk().item());
                        u.put("changedSinceRound", r.changedSince().get(e.id()));
                        undecided.add(u);
                    }
                }
                if (format == Format.json) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("review", r.id());
                    json.put("round", r.currentRound());
                    json.put("head", r.lastRound().map(Round::headCommitId).orElse(null));
                    json.put("coverage", c);
                    json.put("units", units);
                    json.put("viewedFiles", r.viewedFiles().values());
                    json.put("undecided", undecided);
                    json.put("annotations", r.annotations());
                    json.put("mutedRules", muted(o));
                    out.println(Json.mapper().writeValueAsString(json));
                } else {
                    printText(out, r, c, undecided);
                    muted(o).forEach(m -> out.printf("  muted %s: %s (%s findings)%n", m.get("rule"), m.get("why"),
                            m.get("findings")));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        /** One review unit as scripts read it: where it is, what item it covers, what was decided. */
        private static Map<String, Object> unit(Review r, HunkIndex.Entry e, Map<String, Integer> unchanged) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("id", e.id());
            u.put("path", e.path());
            u.put("item", e.hunk().item());
            boolean newSide = e.hunk().newCount() > 0;
            int start = newSide ? e.hunk().newStart() : e.hunk().oldStart();
            int count = newSide ? e.hunk().newCount() : e.hunk().oldCount();
            u.put("side", newSide ? "new" : "old");
            u.put("startLine", start);
            u.put("endLine", start + Math.max(count, 1) - 1);
            u.put("decision", r.state(e.id()).label());
            u.put("changedSinceRound", r.changedSince().get(e.id()));
            u.put("unchangedSinceRound", unchanged.get(e.id()));
            return u;
        }

        /** The muted rules with why and how many findings of the round each holds. */
        private static List<Map<String, Object>> muted(ReviewTarget.Opened o) {
            var mutes = o.session.mutes();
            List<Map<String, Object>> out = new ArrayList<>();
            for (String rule : mutes.rules()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("rule", rule);
                m.put("why", mutes.why(rule).orElse("muted"));
                m.put("findings", o.session.index().analysis().findings().stream()
                        .filter(f -> f.ruleId().equals(rule)).count());
                out.add(m);
            }
            return out;
        }

        private static void printText(PrintWriter out, Review r, Coverage c, List<Map<String, Object>> undecided) {
            Round round = r.lastRound().orElseThrow();
            out.printf("review %s, round %d: %s at %s%n", r.id(), round.number(), round.headRef(),
                    round.headCommitId().substring(0, Math.min(7, round.headCommitId().length())));
            out.printf("units: %d/%d decided (%d accepted, %d rejected, %d to discuss)%n", c.hunksDecided(),
                    c.hunksTotal(), c.accepted(), c.rejected(), c.discuss());
            StringBuilder f = new StringBuilder("findings acknowledged:");
            for (Severity s : Severity.values()) {
                Coverage.Count n = c.findings().get(s);
                if (n != null) {
                    f.append(' ').append(s.label()).append(' ').append(n.done()).append('/').append(n.total());
                }
            }
            out.println(f);
            out.printf("annotations: %d open (%d issues), %d outdated%n", c.openAnnotations(), c.openIssues(),
                    c.outdatedAnnotations());
            out.println("ready: " + (c.ready() ? "yes" : "no"));
            for (Map<String, Object> u : undecided) {
                Object since = u.get("changedSinceRound");
                out.printf("  undecided %s %s %s%s%s%n", u.get("hunk"), u.get("path"), u.get("header"),
                        u.get("item") == null ? "" : "  " + u.get("item"),
                        since == null ? "" : " (changed since round " + since + ")");
            }
            for (Annotation a : r.annotations()) {
                if (a.open() || a.outdated()) {
                    out.printf("  %s %s %s%s: %s%n", a.id(), a.kind().label(), where(a),
                            a.outdated() ? " (outdated since round " + a.outdatedSince() + ")" : "",
                            a.text().lines().findFirst().orElse(""));
                }
            }
        }

        private static String where(Annotation a) {
            return switch (a.anchor().scope()) {
                case REVIEW -> "review";
                case FILE -> a.anchor().path();
                case LINES -> a.anchor().path() + ":" + a.anchor().startLine()
                        + (a.anchor().endLine() > a.anchor().startLine() ? "-" + a.anchor().endLine() : "")
                        + " (" + a.anchor().side().name().toLowerCase(java.util.Locale.ROOT) + ")";
            };
        }
    }

    @Command(name = "rounds", mixinStandardHelpOptions = true, description = "The review's rounds, oldest first.")
    static final class Rounds implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                PrintWriter out = spec.commandLine().getOut();
                for (Round r : o.review().rounds()) {
                    out.printf("round %d  %s  %s  %s  %d files, %d hunks, %d findings%n", r.number(), r.at(),
                            r.headCommitId().substring(0, Math.min(7, r.headCommitId().length())), r.headRef(),
                            r.files(), r.hunks(), r.findings());
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "since-last", mixinStandardHelpOptions = true,
            description = "What the agent changed since the previous round, without what a rebase brought in from the base.")
    static final class SinceLastCommand implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                SinceLastReview since = SinceLast.compute(o.git, o.review());
                PrintWriter out = spec.commandLine().getOut();
                out.printf("since round %d (%s) to round %d (%s):%n", since.from().number(), shortId(since.from()),
                        since.to().number(), shortId(since.to()));
                for (SinceLastReview.CommitPair p : since.commits()) {
                    out.printf("  %-7s %s %s%n", p.match().name().toLowerCase(java.util.Locale.ROOT),
                            p.older() == null ? "-------" : p.older().shortId(),
                            (p.newer() == null ? "-------" : p.newer().shortId()) + " "
                                    + (p.newer() != null ? p.newer() : p.older()).subject());
                }
                for (SinceLastReview.FileInterdiff f : since.files()) {
                    if (!f.changed()) {
                        continue;
                    }
                    out.println("--- " + f.path() + " (- as reviewed in round " + since.from().number() + ", + now)");
                    if (f.lines().isEmpty()) {
                        f.dropped().forEach(h -> printHunk(out, "dropped", h));
                        f.added().forEach(h -> printHunk(out, "new", h));
                    } else {
                        printCompact(out, f.lines());
                    }
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        /** Changed lines with two lines of context around each run, like a unified diff without numbers. */
        private static void printCompact(PrintWriter out, java.util.List<dev.rustreview.review.HunkInterdiff.Line> lines) {
            int context = 2;
            int lastPrinted = -1;
            for (int i = 0; i < lines.size(); i++) {
                boolean near = false;
                for (int j = Math.max(0, i - context); j <= Math.min(lines.size() - 1, i + context); j++) {
                    near |= lines.get(j).kind() != ' ';
                }
                if (!near) {
                    continue;
                }
                if (lastPrinted >= 0 && i > lastPrinted + 1) {
                    out.println("  ...");
                }
                out.println(lines.get(i).kind() + lines.get(i).text());
                lastPrinted = i;
            }
        }

        private static void printHunk(PrintWriter out, String what, dev.rustreview.model.Hunk h) {
            out.println(h.header() + " " + what);
            h.lines().forEach(l -> out.println((l.isAdded() ? "+" : l.isRemoved() ? "-" : " ") + l.text()));
        }

        private static String shortId(Round r) {
            return r.headCommitId().substring(0, Math.min(7, r.headCommitId().length()));
        }
    }

    @Command(name = "interdiff", mixinStandardHelpOptions = true,
            description = "How a hunk marked 'changed since round N' differs from the version decided then.")
    static final class Interdiff implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @picocli.CommandLine.Parameters(paramLabel = "HUNK-ID") String hunkId;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.save();
                dev.rustreview.review.HunkInterdiff diff = dev.rustreview.review.HunkInterdiff.of(o.git, o.review(),
                        o.session.index(), hunkId);
                PrintWriter out = spec.commandLine().getOut();
                out.println(hunkId + " since round " + diff.sinceRound() + ": " + diff.before().header() + " -> "
                        + diff.after().header());
                diff.lines().forEach(l -> out.println(l.kind() + l.text()));
                out.flush();
                return ExitCodes.OK;
            }
        }
    }
}
