package dev.rustreview.cli;

import picocli.CommandLine.Command;

/** {@code rust-review review}: drive a review from scripts and agents; state lives in the repository's git dir. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Record and query a review of the agent branch: decisions per hunk, acknowledged findings, "
                + "annotations, rounds. State is kept in <gitdir>/rust-review/reviews/<id>.json.",
        subcommands = {ReviewQueryCommands.Status.class, ReviewDecisionCommands.Decide.class,
                ReviewDecisionCommands.Ack.class, ReviewDecisionCommands.Dismiss.class, ReviewDecisionCommands.Viewed.class,
                ReviewAnnotationCommands.Annotate.class, ReviewAnnotationCommands.ReplyTo.class,
                ReviewAnnotationCommands.Resolve.class, ReviewQueryCommands.Rounds.class,
                ReviewQueryCommands.SinceLastCommand.class, ReviewQueryCommands.Interdiff.class, ReviewOutputCommands.ApplyAccepted.class,
                ReviewOutputCommands.ExportPatches.class, ReviewOutputCommands.Feedback.class,
                ReviewNoiseCommands.Mute.class, ReviewNoiseCommands.Unmute.class, ReviewNoiseCommands.Problem.class})
final class ReviewCommand implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
