#!/usr/bin/env bash
# svcctl services, measured in one run in one test host (a booted systemd with a zfs-fuse pool):
#   - `svcctl create` for a small image (busybox, ~2 MB) and a large one (the same plus a ~200 MB random layer),
#     against a plain `cp -a` of the same rootfs: create is a ZFS clone, so it must stay flat;
#   - `svcctl start` until the service answers HTTP, against `systemctl start` of the same unit and .nspawn file
#     installed by hand under another name: the difference is svcctl's own overhead (JVM, D-Bus, start check);
#   - the same `svcctl start` without the launcher's AppCDS archive (SVCCTL_NO_CDS=1);
#   - `svcctl --version`: a JVM and picocli without an AppCDS archive, a gauge of the VM's speed in this run.
# Prints a table of medians and the ratios. Needs what the test hosts need (bin/dev-setup) plus umoci and curl.
# RUNS=N sets the repetitions (default 5); LARGE_MB the size of the large layer (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for tool in umoci busybox; do
  command -v "$tool" >/dev/null || { echo "bench/services.sh needs $tool: apt-get install ${tool/busybox/busybox-static}" >&2; exit 1; }
done
[ -f manager/target/dist/lib/svcctl-all.jar ] || mvn -B -q -o -DskipTests -DskipITs package -pl manager -am

work=$(mktemp -d /var/tmp/svcctl-bench.XXXXXX)
host=""
cleanup() {
  [ -n "$host" ] && bash testhost/scripts/testhost.sh down "$host" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the images (busybox, busybox + ${LARGE_MB:-200} MB) with umoci ..." >&2
layout=$work/img/layout
umoci init --layout "$layout"
umoci new --image "$layout:small"
umoci unpack --rootless --image "$layout:small" "$work/bundle" >/dev/null
mkdir -p "$work/bundle/rootfs/bin" "$work/bundle/rootfs/www"
cp "$(command -v busybox)" "$work/bundle/rootfs/bin/busybox"
ln -s busybox "$work/bundle/rootfs/bin/sh"
ln -s busybox "$work/bundle/rootfs/bin/httpd"
echo "svcctl bench" > "$work/bundle/rootfs/www/index.html"
umoci repack --image "$layout:small" "$work/bundle"
umoci config --image "$layout:small" --os linux --architecture amd64 --config.env PATH=/bin \
  --config.cmd httpd --config.cmd -f --config.cmd -p --config.cmd 8080 --config.cmd -h --config.cmd /www
mkdir -p "$work/blob"
head -c "$(( ${LARGE_MB:-200} * 1024 * 1024 ))" /dev/urandom > "$work/blob/random.bin"
umoci insert --image "$layout:small" --tag large "$work/blob" /blob

export SVCCTL_TESTHOST_OWNER=$$
for index in $(seq 40 60); do
  rc=0
  bash testhost/scripts/testhost.sh up "bench$index" "$index" \
    --bind-ro "$root/manager/target/dist:/opt/svcctl" --bind-ro "$work/img:/bench/img" \
    --bind-ro "$root/bench:/bench/scripts" >&2 || rc=$?
  if [ "$rc" = 0 ]; then host=bench$index; break; fi
  [ "$rc" = 3 ] || exit "$rc"
done
[ -n "$host" ] || { echo "no free test-host slot in 40-60" >&2; exit 1; }
bash testhost/scripts/testhost.sh exec "$host" -- env RUNS="${RUNS:-5}" LARGE_MB="${LARGE_MB:-200}" bash /bench/scripts/services-inner.sh
