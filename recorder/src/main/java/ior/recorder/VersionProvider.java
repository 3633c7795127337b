package ior.recorder;

import picocli.CommandLine;

/** Reads the version Maven wrote into ior/version.properties. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"ior " + Recorder.version()};
    }
}
