#!/usr/bin/env bash
# Migration benchmark: svcctl migrate (pre-copy) vs the naive stop -> full send -> start, on two test hosts.
#   bench/migrate.sh [MiB ...]        default: 100 1024
# Builds svcctl (manager/target/dist) and the test classes, then runs io.svcctl.manager.migrate.MigrationBench.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o install -DskipTests
mvn -B -q -o -pl manager test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/manager/target/bench.classpath"
exec java -Dsvcctl.dist="$PWD/manager/target/dist" \
    -cp "manager/target/test-classes:manager/target/classes:$(cat manager/target/bench.classpath)" \
    io.svcctl.manager.migrate.MigrationBench "$@"
