#!/usr/bin/env bash
# The part of bench/services.sh that runs inside the test host (images at /bench/img/layout).
set -euo pipefail
svcctl=/opt/svcctl/bin/svcctl
runs=${RUNS:-5}
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
answer() { # waits until the service answers on 127.0.0.1:8080
  for _ in $(seq 2000); do curl -sf -o /dev/null http://127.0.0.1:8080/ && return 0; sleep 0.005; done
  echo "the service never answered" >&2; return 1
}

$svcctl init --pool tank >/dev/null
declare -A id
for tag in small large; do
  $svcctl import docker "oci:/bench/img/layout:$tag" >/dev/null
  id[$tag]=$($svcctl images | awk -v r="oci:/bench/img/layout:$tag" '$2 == r {print $1}')
done

declare -A result
for tag in small large; do
  create=() copy=()
  for i in $(seq "$runs"); do
    t0=$(now); $svcctl create "c-$tag-$i" --image "${id[$tag]}" >/dev/null 2>&1; t1=$(now)
    create+=("$(ms "$t0" "$t1")")
  done
  rootfs=/var/lib/svcctl/services/c-$tag-1/rootfs
  for i in $(seq "$runs"); do
    t0=$(now); cp -a "$rootfs" "/var/lib/svcctl/copy-$i"; sync; t1=$(now)
    copy+=("$(ms "$t0" "$t1")")
    rm -rf "/var/lib/svcctl/copy-$i"
  done
  for i in $(seq "$runs"); do $svcctl rm "c-$tag-$i" >/dev/null; done
  result[create-$tag]=$(echo "${create[*]}" | median)
  result[copy-$tag]=$(echo "${copy[*]}" | median)
done

# the same unit and .nspawn file as svcctl renders, installed by hand under another machine name
$svcctl create web --image "${id[small]}" >/dev/null 2>&1
sed -e 's/--machine=web /--machine=handweb /' /etc/systemd/system/svcctl-web.service > /etc/systemd/system/handweb.service
cp /etc/systemd/nspawn/web.nspawn /etc/systemd/nspawn/handweb.nspawn
systemctl daemon-reload

# one start untimed: the first one records the launcher's AppCDS archive (~0.4 s), as a user's first start does
$svcctl start web >/dev/null
$svcctl stop web >/dev/null

svc=() svcret=() nocds=() hand=() version=()
for i in $(seq "$runs"); do
  t0=$(now); $svcctl start web >/dev/null; t1=$(now); answer; t2=$(now)
  svcret+=("$(ms "$t0" "$t1")"); svc+=("$(ms "$t0" "$t2")")
  $svcctl stop web >/dev/null
  t0=$(now); SVCCTL_NO_CDS=1 $svcctl start web >/dev/null; answer; t1=$(now)
  nocds+=("$(ms "$t0" "$t1")")
  $svcctl stop web >/dev/null
  t0=$(now); systemctl start handweb.service; answer; t1=$(now)
  hand+=("$(ms "$t0" "$t1")")
  systemctl stop handweb.service
  t0=$(now); $svcctl --version >/dev/null; t1=$(now)
  version+=("$(ms "$t0" "$t1")")
done
rm -f /etc/systemd/system/handweb.service /etc/systemd/nspawn/handweb.nspawn
systemctl daemon-reload
$svcctl rm web >/dev/null

s=$(echo "${svc[*]}" | median); sr=$(echo "${svcret[*]}" | median)
h=$(echo "${hand[*]}" | median); v=$(echo "${version[*]}" | median); n=$(echo "${nocds[*]}" | median)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }

printf '\nsvcctl services benchmark (medians of %s runs, ms; one test host, zfs-fuse)\n\n' "$runs"
printf '%-52s %10s\n' "measurement" "ms"
printf '%-52s %10s\n' "svcctl create, small image" "${result[create-small]}"
printf '%-52s %10s\n' "svcctl create, large image (+${LARGE_MB:-200} MB layer)" "${result[create-large]}"
printf '%-52s %10s\n' "cp -a of the rootfs, small image" "${result[copy-small]}"
printf '%-52s %10s\n' "cp -a of the rootfs, large image" "${result[copy-large]}"
printf '%-52s %10s\n' "svcctl start (command returns)" "$sr"
printf '%-52s %10s\n' "svcctl start until it answers HTTP" "$s"
printf '%-52s %10s\n' "  the same without the launcher's AppCDS archive" "$n"
printf '%-52s %10s\n' "systemctl start, same unit by hand, until it answers" "$h"
printf '%-52s %10s\n' "svcctl --version (no AppCDS: gauges the VM's speed)" "$v"
printf '\nratios\n'
printf '  create large / create small:          %s (flat is 1)\n' "$(ratio "${result[create-large]}" "${result[create-small]}")"
printf '  cp -a large / svcctl create large:     %s\n' "$(ratio "${result[copy-large]}" "${result[create-large]}")"
printf '  svcctl start / systemctl start:        %s\n' "$(ratio "$s" "$h")"
printf '  svcctl start with / without AppCDS:    %s\n' "$(ratio "$s" "$n")"
printf '  svcctl overhead on start:              %s ms (target < 300; svcctl --version took %s ms)\n' "$((s - h))" "$v"
