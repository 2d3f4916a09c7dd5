package io.churnwatch.cli;

import picocli.CommandLine;

/** Reports the version Maven wrote into the jar manifest (or "development" from an IDE). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ChurnWatch.class.getPackage().getImplementationVersion();
        return new String[] {"churnwatch " + (version == null ? "development" : version)};
    }
}
