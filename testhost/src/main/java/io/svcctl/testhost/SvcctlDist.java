package io.svcctl.testhost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A built svcctl distribution (bin/svcctl, lib/svcctl-all.jar) that test hosts mount read-only at /opt/svcctl. */
record SvcctlDist(Path dir) {
    static final String PROPERTY = "svcctl.dist";
    static final String ENV = "SVCCTL_DIST";
    static final String HOW_TO_SET = "Build it (mvn -pl manager -am package makes manager/target/dist) and point the "
            + "system property " + PROPERTY + " or the environment variable " + ENV + " at it; the manager module's "
            + "failsafe configuration does that for its own integration tests.";

    SvcctlDist {
        dir = dir.toAbsolutePath().normalize();
    }

    /** From the system property, else the environment; a value that is no distribution fails at once. */
    static Optional<SvcctlDist> fromEnvironment() {
        return choose(System.getProperty(PROPERTY), System.getenv(ENV)).map(SvcctlDist::checked);
    }

    /** The property wins over the environment; blank means unset. */
    static Optional<Path> choose(String property, String env) {
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        return Optional.empty();
    }

    private static SvcctlDist checked(Path dir) {
        for (String part : new String[] {"bin/svcctl", "lib/svcctl-all.jar"}) {
            if (!Files.isRegularFile(dir.resolve(part))) {
                throw new IllegalStateException("while looking for the svcctl distribution to mount in test hosts: "
                        + dir + " has no " + part + ". " + HOW_TO_SET);
            }
        }
        return new SvcctlDist(dir);
    }

    /** The {@code up --bind-ro} argument. */
    String bindReadOnly() {
        return dir + ":/opt/svcctl";
    }
}
