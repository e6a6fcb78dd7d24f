package dev.rustreview.cli;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Side;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The review subcommands for annotations: {@code annotate}, {@code reply}, {@code resolve}. */
final class ReviewAnnotationCommands {

    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private ReviewAnnotationCommands() {
    }

    @Command(name = "annotate", mixinStandardHelpOptions = true,
            description = "Annotate lines (--path P --line N[-M]), a whole file (--path P) or the review (neither). "
                    + "Prints the annotation id.")
    static final class Annotate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Option(names = "--path", paramLabel = "PATH") String path;
        @Option(names = "--line", paramLabel = "N[-M]") String line;
        @Option(names = "--side", defaultValue = "new", paramLabel = "old|new") String side;
        @Option(names = "--kind", required = true, paramLabel = "KIND",
                description = "issue, suggestion, question, note or praise.") String kind;
        @Option(names = "--text", required = true, paramLabel = "MARKDOWN") String text;
        @Option(names = "--suggestion", paramLabel = "CODE", description = "Replacement code for a suggestion.")
        String suggestion;

        @Override
        public Integer call() {
            AnnotationKind k = AnnotationKind.parse(kind);
            if (line != null && path == null) {
                throw new BadInputException("--line needs --path");
            }
            try (ReviewTarget.Opened o = target.open()) {
                Annotation a;
                if (line != null) {
                    Matcher m = RANGE.matcher(line.trim());
                    if (!m.matches()) {
                        throw new BadInputException("--line '" + line + "' is not N or N-M");
                    }
                    int start = Integer.parseInt(m.group(1));
                    int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
                    a = o.session.annotateLines(path, side(side), start, end, k, text, suggestion);
                } else if (path != null) {
                    a = o.session.annotateFile(path, k, text);
                } else {
                    a = o.session.annotateReview(k, text);
                }
                o.save();
                spec.commandLine().getOut().println(a.id());
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }

        private static Side side(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "old" -> Side.OLD;
                case "new" -> Side.NEW;
                default -> throw new BadInputException("--side '" + s + "' is not old or new");
            };
        }
    }

    @Command(name = "reply", mixinStandardHelpOptions = true, description = "Reply to an annotation.")
    static final class ReplyTo implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "ANNOTATION-ID") String id;
        @Option(names = "--text", required = true, paramLabel = "MARKDOWN") String text;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.reply(id, text);
                o.save();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Mark an annotation resolved (or --reopen it).")
    static final class Resolve implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ReviewTarget target;
        @Parameters(paramLabel = "ANNOTATION-ID") String id;
        @Option(names = "--reopen") boolean reopen;

        @Override
        public Integer call() {
            try (ReviewTarget.Opened o = target.open()) {
                o.session.resolve(id, !reopen);
                o.save();
                return ExitCodes.OK;
            }
        }
    }
}
