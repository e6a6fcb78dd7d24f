package dev.rustreview.check;

/**
 * Cancels a running check from another thread: marks it cancelled and kills the process that runs now (with
 * all its descendants; inside the sandbox, killing bubblewrap ends its whole PID namespace).
 */
public final class Cancellation {

    private volatile boolean cancelled;
    private Process current;

    public void cancel() {
        cancelled = true;
        Process running;
        synchronized (this) {
            running = current;
        }
        if (running != null) {
            ProcessRunner.killTree(running);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    synchronized void attach(Process process) {
        current = process;
    }

    synchronized void detach() {
        current = null;
    }
}
