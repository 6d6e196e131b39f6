#!/usr/bin/env bash
# Image import: svcctl vs skopeo copy + umoci unpack, for the same images from the same local registry, in one run.
#
# Boots one test host (testhost/scripts/testhost.sh: systemd, a zfs-fuse pool `tank`), serves a local registry
# (docker-registry) on the hosts' bridge, builds two images with umoci from busybox and random bytes (which gzip
# cannot shrink, so every megabyte is real work) and pushes them:
#   app      busybox + LAYERS layers of LAYER_MB MiB each
#   app-plus the layers of app + one layer of EXTRA_MB MiB
# Then measures, all against that registry and all writing into the host's zfs-fuse pool:
#   svcctl import app, cold (empty blob cache, empty store)      -- inside the host
#   skopeo copy docker://…/app oci:… + umoci unpack, cold         -- on this machine: skopeo's OCI layout on this
#                                                                    machine's disk, umoci's bundle in a dataset of
#                                                                    the host's pool (through /proc/PID/root), so
#                                                                    the rootfs goes through the same zfs-fuse
#   svcctl import app again (present: nothing to do)
#   svcctl import app-plus after app (a clone of app's last layer snapshot + its own layer)
#   svcctl import app-plus alone (empty store, empty cache)
# svcctl's times include its JVM start-up (what a user waits for). RUNS rounds of all of it (the machine's speed
# drifts: one round is not a measurement); prints the medians and their ratios.
#
#   bench/import.sh                 (as root; LAYERS=3 LAYER_MB=16 EXTRA_MB=2 RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERS=${LAYERS:-3}
LAYER_MB=${LAYER_MB:-16}
EXTRA_MB=${EXTRA_MB:-2}
RUNS=${RUNS:-5}

die() { echo "bench/import.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (it boots a test host)"
for tool in skopeo:skopeo umoci:umoci docker-registry:docker-registry busybox:busybox-static; do
  command -v "${tool%%:*}" >/dev/null || die "needs ${tool%%:*}: apt-get install ${tool##*:}"
done
dist=manager/target/dist
[ -f "$dist/lib/svcctl-all.jar" ] || mvn -B -q -DskipTests package
dist=$(readlink -f "$dist")
th=testhost/scripts/testhost.sh

work=$(mktemp -d /var/tmp/svcctl-bench-import.XXXXXX)
host=svcbench$$
registry_pid=
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  bash "$th" down "$host" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- a host in a free slot
export SVCCTL_TESTHOST_OWNER=$$
slot=
for i in $(seq 190 -1 150); do
  rc=0; bash "$th" up "$host" "$i" --bind-ro "$dist:/opt/svcctl" >"$work/up.log" 2>&1 || rc=$?
  if [ "$rc" = 0 ]; then slot=$i; break; fi
  [ "$rc" = 3 ] || { cat "$work/up.log" >&2; die "could not boot a test host"; }   # 3: the slot is taken
done
[ -n "$slot" ] || die "no free test-host slot in 150..190"
leader=$(bash "$th" leader "$host")
root=/proc/$leader/root
in_host() { bash "$th" exec "$host" -- "$@"; }

# --- registry on the bridge
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("10.231.0.1",0)); print(s.getsockname()[1])')
reg=10.231.0.1:$port
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: $reg
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/10.231.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# --- images: busybox, then random layers
layout=$work/layout
umoci init --layout "$layout"
umoci new --image "$layout:app"
umoci unpack --image "$layout:app" "$work/bundle" >/dev/null
mkdir -p "$work/bundle/rootfs/bin"
cp /bin/busybox "$work/bundle/rootfs/bin/busybox"
ln -s busybox "$work/bundle/rootfs/bin/sh"
umoci repack --image "$layout:app" "$work/bundle"
umoci config --image "$layout:app" --os linux --architecture amd64 --config.cmd sh
for i in $(seq "$LAYERS"); do
  mkdir -p "$work/stage$i"
  head -c "$((LAYER_MB * 1048576))" /dev/urandom >"$work/stage$i/blob$i.bin"
  umoci insert --image "$layout:app" "$work/stage$i" "/data/$i"
done
mkdir -p "$work/extra"
head -c "$((EXTRA_MB * 1048576))" /dev/urandom >"$work/extra/extra.bin"
umoci insert --image "$layout:app" --tag app-plus "$work/extra" /extra
for tag in app app-plus; do
  skopeo --insecure-policy copy --quiet --dest-tls-verify=false "oci:$layout:$tag" "docker://$reg/$tag:latest"
done

# --- measurements
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }
svcctl_import() {   # prints the seconds one import took inside the host (timed inside: no exec overhead)
  in_host sh -c 's=$(date +%s.%N); /opt/svcctl/bin/svcctl import docker "$1" --tls-verify=false --quiet >/dev/null; e=$(date +%s.%N); echo "$s $e"' sh "$1" \
    | { read -r s e; secs "$s" "$e"; }
}
used() { in_host zfs get -H -p -o value used "$1"; }
refer() { in_host zfs get -H -p -o value referenced "$1"; }
image_ds() { echo "tank/svcctl/images/$(in_host /opt/svcctl/bin/svcctl image inspect "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"; }
mib() { python3 -c "print(f'{$1 / 1048576:.1f}')"; }
sync_host() { in_host sync; }

empty_store() {
  for ref in "$reg/app-plus:latest" "$reg/app:latest"; do
    in_host /opt/svcctl/bin/svcctl image rm "$ref" >/dev/null 2>&1 || true
  done
  in_host sh -c 'rm -rf /var/lib/svcctl/cache/blobs'
}

in_host /opt/svcctl/bin/svcctl init --pool tank >/dev/null
# the launcher records its AppCDS archive on a host's first import: let that happen (each round then empties
# store and cache)
in_host /opt/svcctl/bin/svcctl import docker "$reg/app:latest" --tls-verify=false --quiet >/dev/null
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cold=() su=() sk=() um=() warm=() shared=() alone=()
for run in $(seq "$RUNS"); do
  empty_store
  cold+=("$(svcctl_import "$reg/app:latest")"); sync_host
  app_ds=$(image_ds "$reg/app:latest")
  app_used=$(used "$app_ds")

  in_host zfs create "tank/bench$run" >/dev/null   # a new one each round: zfs-fuse is slow to let go of a busy one
  mnt=$root$(in_host zfs get -H -o value mountpoint "tank/bench$run")
  rm -rf "$work/oci"
  s=$(now)
  # skopeo resolves /proc/PID/root to / (and finds no /tank): its layout goes to this machine's disk, which
  # favours skopeo; umoci takes the path as given and unpacks into the host's zfs-fuse dataset
  skopeo --insecure-policy copy --quiet --src-tls-verify=false "docker://$reg/app:latest" "oci:$work/oci:app"
  m=$(now)
  umoci unpack --image "$work/oci:app" "$mnt/bundle" >/dev/null 2>"$work/umoci.log"   # zfs-fuse has no xattrs: umoci warns
  e=$(now); sync_host
  sk+=("$(secs "$s" "$m")"); um+=("$(secs "$m" "$e")"); su+=("$(secs "$s" "$e")")
  su_used=$(( $(used "tank/bench$run") + $(du -sb "$work/oci" | cut -f1) ))
  rootfs_bytes=$(du -sb "$mnt/bundle/rootfs" | cut -f1)

  warm+=("$(svcctl_import "$reg/app:latest")")

  shared+=("$(svcctl_import "$reg/app-plus:latest")"); sync_host
  shared_used=$(used "$(image_ds "$reg/app-plus:latest")")

  empty_store
  alone+=("$(svcctl_import "$reg/app-plus:latest")"); sync_host
  alone_used=$(used "$(image_ds "$reg/app-plus:latest")")
done
t_cold=$(echo "${cold[*]}" | median); t_su=$(echo "${su[*]}" | median)
t_skopeo=$(echo "${sk[*]}" | median); t_umoci=$(echo "${um[*]}" | median)
t_warm=$(echo "${warm[*]}" | median); t_shared=$(echo "${shared[*]}" | median); t_alone=$(echo "${alone[*]}" | median)

ratio() { python3 -c "print(f'{$1 / $2:.2f}' if $2 else 'n/a')"; }
echo
echo "app: busybox + $LAYERS x $LAYER_MB MiB random layers; app-plus: app + $EXTRA_MB MiB; registry $reg; one test host on zfs-fuse"
echo "medians of $RUNS runs (each run: every measurement once, in this order); space from the last run"
echo "  svcctl cold runs: ${cold[*]}; skopeo+umoci runs: ${su[*]}"
printf '%-52s %9s %12s\n' "what" "seconds" "space MiB"
printf '%-52s %9s %12s\n' "svcctl import app (cold cache)" "$t_cold" "$(mib "$app_used")"
printf '%-52s %9s %12s\n' "skopeo copy + umoci unpack app (cold)" "$t_su" "$(mib "$su_used")"
printf '%-52s %9s %12s\n' "  of which skopeo copy" "$t_skopeo" ""
printf '%-52s %9s %12s\n' "  of which umoci unpack" "$t_umoci" "$(mib "$rootfs_bytes")"
printf '%-52s %9s %12s\n' "svcctl import app again (present)" "$t_warm" "0"
printf '%-52s %9s %12s\n' "svcctl import app-plus after app (shares base)" "$t_shared" "$(mib "$shared_used")"
printf '%-52s %9s %12s\n' "svcctl import app-plus alone (cold cache)" "$t_alone" "$(mib "$alone_used")"
echo
echo "ratios"
echo "  svcctl cold / skopeo+umoci cold:         $(ratio "$t_cold" "$t_su")"
echo "  svcctl warm / svcctl cold:               $(ratio "$t_warm" "$t_cold")"
echo "  shared-base import / alone, time:        $(ratio "$t_shared" "$t_alone")"
echo "  shared-base import / alone, space:       $(ratio "$shared_used" "$alone_used")"
echo "(space: zfs USED of the image dataset; for skopeo+umoci, the OCI layout (du) plus the bundle's dataset (zfs USED);"
echo " the umoci line shows the unpacked rootfs alone (du)). svcctl times include its JVM start-up."
