package dev.rustreview.model;

/**
 * Input the user can fix: a folder that is not a repository, an unknown revision, a corrupt file.
 * The message is one line that names what is wrong and what to do; callers show it as is, without a trace.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
