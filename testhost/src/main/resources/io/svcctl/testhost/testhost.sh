#!/usr/bin/env bash
# Real systemd test hosts for svcctl: Debian bookworm booted with systemd-nspawn, each with its own rootfs
# (an overlay on a cached base), zfs-fuse pool and network namespace on a shared bridge.
#
#   testhost.sh rootfs                           build the cached base rootfs (only when its recipe changed)
#   testhost.sh up NAME INDEX [--bind-ro SRC:DST]...   boot host NAME at 10.231.0.(10+INDEX)
#   testhost.sh exec NAME -- CMD...              run CMD inside NAME (exit code passed through)
#   testhost.sh leader NAME                      print the host's PID 1 as seen from outside
#   testhost.sh down NAME | down-all             tear down one host, or every host and the bridge
set -euo pipefail

CACHE=${SVCCTL_TESTHOST_CACHE:-/var/cache/svcctl-testhost}
RUN=${SVCCTL_TESTHOST_RUN:-/var/tmp/svcctl-testhost}
MIRROR=${SVCCTL_TESTHOST_MIRROR:-http://deb.debian.org/debian}
BRIDGE=svcth0
SUBNET=10.231.0
NETNS_PREFIX=svcth-

say() { printf 'testhost: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

need() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 || die "missing $cmd: install the Debian package $pkg (or run bin/dev-setup)"
}

preflight() {
  [ "$(id -u)" = 0 ] || die "test hosts need root (network namespaces, mounts, systemd-nspawn)"
  need debootstrap debootstrap
  need systemd-nspawn systemd-container
  need nsenter util-linux
  need ip iproute2
  need ssh-keygen openssh-client
  [ -c /dev/fuse ] || die "no /dev/fuse: zfs-fuse inside the test hosts needs the fuse device (modprobe fuse)"
}

# --- the base rootfs --------------------------------------------------------------------------------------
# Everything that decides the rootfs is in these two functions: their text is the cache key.
packages() {
  echo systemd,systemd-sysv,dbus,systemd-container,iproute2,zfs-fuse,openssh-server,openssh-client,busybox-static,curl,ca-certificates,procps,less
}

configure_rootfs() {
  local root=$1
  mount -t proc proc "$root/proc"
  mount --bind /dev "$root/dev"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # ca-certificates-java needs a mounted /proc to configure: hence apt in a chroot, not --include
  local rc=0
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    openjdk-17-jre-headless > "$CACHE/jre.log" 2>&1 || rc=$?
  umount "$root/dev" "$root/proc"
  [ "$rc" = 0 ] || die "installing the JRE into the rootfs failed; see $CACHE/jre.log"
  chroot "$root" apt-get clean
  rm -rf "$root/var/lib/apt/lists/"*
  # every boot gets a fresh machine id; an empty file tells systemd to make one
  : > "$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id"
  # root logs in by key only; hosts trust each other's keys (all hosts are ours, on a private bridge)
  mkdir -p "$root/root/.ssh" && chmod 700 "$root/root/.ssh"
  printf 'Host *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n' > "$root/root/.ssh/config"
  # nothing in a test host needs these, and they slow the boot down
  for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer systemd-timesyncd.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
  done
  echo 'LANG=C.UTF-8' > "$root/etc/default/locale"
}

recipe_key() {
  { declare -f packages configure_rootfs; echo "$MIRROR"; } | sha256sum | cut -c1-16
}

base_rootfs() { echo "$CACHE/rootfs-$(recipe_key)"; }

cmd_rootfs() {
  preflight
  local base; base=$(base_rootfs)
  if [ -d "$base" ]; then
    say "rootfs $base is cached"
    echo "$base"
    return
  fi
  mkdir -p "$CACHE"
  local partial="$base.partial"
  rm -rf --one-file-system "$partial"
  say "building rootfs (debootstrap bookworm, then a JRE; a few minutes) into $partial"
  debootstrap --variant=minbase --include="$(packages)" bookworm "$partial" "$MIRROR" > "$CACHE/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $CACHE/debootstrap.log"
  configure_rootfs "$partial"
  mv "$partial" "$base"  # only a whole rootfs gets the final name
  find "$CACHE" -maxdepth 1 -name 'rootfs-*' ! -name "$(basename "$base")" -exec rm -rf --one-file-system {} +
  say "rootfs ready: $base"
  echo "$base"
}

# --- hosts ------------------------------------------------------------------------------------------------
host_dir() { echo "$RUN/hosts/$1"; }

check_name() {
  [[ $1 =~ ^[a-z][a-z0-9-]{0,10}$ ]] || die "host name '$1' must be 1-11 of a-z 0-9 - (it names a veth interface)"
}

leader_of() {
  local dir; dir=$(host_dir "$1")
  local nspawn; nspawn=$(cat "$dir/nspawn.pid" 2>/dev/null) || return 1
  # the container's init is nspawn's child (nspawn forks once more with --register=no? no: one child)
  local child
  for child in $(cat "/proc/$nspawn/task/$nspawn/children" 2>/dev/null); do
    if [ "$(cat "/proc/$child/comm" 2>/dev/null)" = systemd ]; then echo "$child"; return 0; fi
    local grand
    for grand in $(cat "/proc/$child/task/$child/children" 2>/dev/null); do
      if [ "$(cat "/proc/$grand/comm" 2>/dev/null)" = systemd ]; then echo "$grand"; return 0; fi
    done
  done
  return 1
}

in_host() {
  local leader=$1; shift
  nsenter -t "$leader" -a env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb "$@"
}

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$SUBNET.1/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
  fi
}

ensure_ssh_key() {
  mkdir -p "$RUN"
  [ -f "$RUN/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C svcctl-testhost -f "$RUN/id_ed25519"
}

cmd_up() {
  preflight
  local name=$1 index=$2; shift 2
  check_name "$name"
  [[ $index =~ ^[0-9]+$ ]] && [ "$index" -lt 200 ] || die "host index must be 0-199"
  local binds=()
  while [ $# -gt 0 ]; do
    case $1 in
      --bind-ro) binds+=("--bind-ro=$2"); shift 2 ;;
      *) die "up: unknown option $1" ;;
    esac
  done
  local base; base=$(cmd_rootfs)
  local dir; dir=$(host_dir "$name")
  [ ! -e "$dir" ] || cmd_down "$name"
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  mount -t overlay "svcth-$name" -o "lowerdir=$base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
  echo "$name" > "$dir/root/etc/hostname"
  ensure_ssh_key
  install -m 600 "$RUN/id_ed25519" "$dir/root/root/.ssh/id_ed25519"
  install -m 600 "$RUN/id_ed25519.pub" "$dir/root/root/.ssh/authorized_keys"

  local ns="$NETNS_PREFIX$name" address="$SUBNET.$((10 + index))"
  ensure_bridge
  ip netns add "$ns"
  ip link add "vth-$name" type veth peer name host0 netns "$ns"
  ip link set "vth-$name" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$address/24" dev host0
  ip -n "$ns" link set host0 up
  ip -n "$ns" route add default via "$SUBNET.1"
  echo "$address" > "$dir/address"

  setsid systemd-nspawn -b -D "$dir/root" --keep-unit --register=no -M "$name" --bind=/dev/fuse \
    --network-namespace-path="/run/netns/$ns" "${binds[@]}" < /dev/null > "$dir/console.log" 2>&1 &
  echo $! > "$dir/nspawn.pid"

  local leader="" state="" i
  for i in $(seq 1 300); do
    kill -0 "$(cat "$dir/nspawn.pid")" 2>/dev/null || { tail -n 30 "$dir/console.log" >&2; die "host $name exited while booting"; }
    if [ -z "$leader" ]; then leader=$(leader_of "$name" || true); fi
    if [ -n "$leader" ]; then
      state=$(in_host "$leader" systemctl is-system-running 2>/dev/null || true)
      case $state in running|degraded) break ;; esac
    fi
    sleep 0.2
  done
  case $state in running|degraded) ;; *) tail -n 30 "$dir/console.log" >&2; die "host $name did not finish booting (state '$state')" ;; esac

  # zfs-fuse's unit may call itself failed while its daemon runs: ask the daemon, start it if it is not there
  if ! in_host "$leader" zpool list >/dev/null 2>&1; then
    in_host "$leader" systemctl start zfs-fuse >/dev/null 2>&1 || true
    for i in $(seq 1 50); do in_host "$leader" zpool list >/dev/null 2>&1 && break; sleep 0.2; done
    in_host "$leader" zpool list >/dev/null 2>&1 || die "zfs-fuse does not answer in host $name"
  fi
  in_host "$leader" truncate -s 4G /var/lib/svcctl-pool.img
  in_host "$leader" zpool create -f tank /var/lib/svcctl-pool.img
  say "host $name is up at $address (leader pid $leader, $state)"
}

cmd_exec() {
  local name=$1; shift
  [ "${1:-}" = -- ] && shift
  local leader; leader=$(leader_of "$name") || die "host $name is not running"
  in_host "$leader" "$@"
}

cmd_down() {
  local name=$1 dir; dir=$(host_dir "$name")
  if [ -f "$dir/nspawn.pid" ]; then
    local pid; pid=$(cat "$dir/nspawn.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true  # nspawn asks the container's systemd to power off
      local i
      for i in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
      fi
    fi
  fi
  if mountpoint -q "$dir/root" 2>/dev/null; then
    umount -R "$dir/root" 2>/dev/null || umount -l -R "$dir/root"
  fi
  ip netns del "$NETNS_PREFIX$name" 2>/dev/null || true
  ip link del "vth-$name" 2>/dev/null || true
  if [ -d "$dir" ]; then
    if findmnt -rn -o TARGET | grep -q "^$dir"; then die "something is still mounted under $dir; not removing it"; fi
    rm -rf --one-file-system "$dir"
  fi
}

cmd_down_all() {
  local dir
  for dir in "$RUN"/hosts/*/; do
    [ -d "$dir" ] && cmd_down "$(basename "$dir")"
  done
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^$NETNS_PREFIX" || true); do
    ip netns del "$ns" || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
}

case ${1:-} in
  rootfs) cmd_rootfs >/dev/null ;;
  up) shift; [ $# -ge 2 ] || die "usage: up NAME INDEX [--bind-ro SRC:DST]..."; cmd_up "$@" ;;
  exec) shift; [ $# -ge 2 ] || die "usage: exec NAME -- CMD..."; cmd_exec "$@" ;;
  leader) shift; leader_of "$1" || die "host $1 is not running" ;;
  address) shift; cat "$(host_dir "$1")/address" ;;
  down) shift; cmd_down "$1" ;;
  down-all) cmd_down_all ;;
  *) die "usage: testhost.sh rootfs | up NAME INDEX [--bind-ro SRC:DST]... | exec NAME -- CMD... | leader NAME | address NAME | down NAME | down-all" ;;
esac
