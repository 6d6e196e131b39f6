package io.svcctl.testhost;

/** What a command run inside a test host did. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
