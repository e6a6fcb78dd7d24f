package dev.rustreview.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its output, exit status and window requests. */
record CliRun(int status, String out, String err, WindowRequest window) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        WindowRequest[] opened = new WindowRequest[1];
        int status = RustReviewCommand.newCommandLine(r -> opened[0] = r, new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args);
        return new CliRun(status, out.toString(), err.toString(), opened[0]);
    }
}
