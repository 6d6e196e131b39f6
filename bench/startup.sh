#!/usr/bin/env bash
# JVM start-up of the svcctl command: the launcher with its AppCDS archive vs without it vs a plain `java -jar`,
# measured in one run with hyperfine (apt-get install hyperfine). Prints hyperfine's table and its ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench/startup.sh needs hyperfine: apt-get install hyperfine" >&2; exit 1; }
jar=manager/target/dist/lib/svcctl-all.jar
[ -f "$jar" ] || mvn -B -q -DskipTests package
bin/svcctl list >/dev/null 2>&1 || true   # records the AppCDS archive (the launcher does on list/status/start...)
hyperfine -N --warmup 3 --runs "${RUNS:-30}" \
  -n 'svcctl --version (launcher, AppCDS)' 'bin/svcctl --version' \
  -n 'svcctl --version (launcher, no CDS)' 'env SVCCTL_NO_CDS=1 bin/svcctl --version' \
  -n 'java -jar svcctl-all.jar --version' "java -jar $jar --version" \
  -n 'svcctl images --help (launcher, AppCDS)' 'bin/svcctl images --help'
