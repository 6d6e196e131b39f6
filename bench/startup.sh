#!/usr/bin/env bash
# JVM start-up of the svcctl command: the launcher (serial GC, C1 only for short commands) vs a plain
# `java -jar`, measured in one run with hyperfine (apt-get install hyperfine). Prints hyperfine's table and its
# ratios. The launcher's AppCDS archives are per command group and recorded by a successful run of a command
# that needs an initialised host; bench/services.sh measures their effect on `svcctl start`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench/startup.sh needs hyperfine: apt-get install hyperfine" >&2; exit 1; }
jar=manager/target/dist/lib/svcctl-all.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
hyperfine -N --warmup 3 --runs "${RUNS:-30}" \
  -n 'svcctl --version (launcher)' 'bin/svcctl --version' \
  -n 'java -jar svcctl-all.jar --version' "java -jar $jar --version" \
  -n 'svcctl start --help (launcher, one command modelled)' 'bin/svcctl start --help' \
  -n 'svcctl --help (launcher, all commands modelled)' 'bin/svcctl --help'
