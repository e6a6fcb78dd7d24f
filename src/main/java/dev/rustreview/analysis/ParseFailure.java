package dev.rustreview.analysis;

/** A file that was not parsed, with the reason a reviewer reads ("parse exceeded 5 s"). */
public final class ParseFailure extends Exception {

    public ParseFailure(String reason) {
        super(reason);
    }
}
