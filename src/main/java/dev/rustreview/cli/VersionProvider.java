package dev.rustreview.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest (absent when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RustReviewCommand.class.getPackage().getImplementationVersion();
        return new String[] {"rust-review " + (version == null ? "(development build)" : version)};
    }
}
