package dev.rustreview.git;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * Sizes JGit's pack caches for reading long histories. JGit's defaults (10 MiB of pack windows, 10 MiB of delta
 * bases) suit a server with many repositories; a review reads one repository's trees and blobs commit after
 * commit, and with the defaults most of the time goes to inflating the same delta bases again.
 */
final class PackCache {

    private static boolean installed;

    private PackCache() {
    }

    /** Installs the larger caches JVM-wide once, scaled to the heap (at most 256 MiB of windows, 64 MiB of bases). */
    static synchronized void install() {
        if (installed) {
            return;
        }
        long heap = Runtime.getRuntime().maxMemory();
        WindowCacheConfig config = new WindowCacheConfig();
        config.setPackedGitLimit(Math.max(config.getPackedGitLimit(), Math.min(256L << 20, heap / 8)));
        config.setDeltaBaseCacheLimit((int) Math.max(config.getDeltaBaseCacheLimit(), Math.min(64L << 20, heap / 32)));
        config.install();
        installed = true;
    }
}
