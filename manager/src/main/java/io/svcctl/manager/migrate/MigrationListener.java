package io.svcctl.manager.migrate;

/** Progress of a migration, send or receive, for the CLI to render (library code never prints). */
@FunctionalInterface
public interface MigrationListener {
    void event(String message);

    MigrationListener NONE = message -> { };
}
