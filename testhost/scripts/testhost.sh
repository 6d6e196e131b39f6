#!/usr/bin/env bash
# Real systemd test hosts for svcctl: Debian bookworm booted by systemd-nspawn, each on an overlay of one
# cached rootfs, with its own network namespace on a shared bridge and its own zfs-fuse pool `tank`.
#
#   testhost.sh check                         fail unless this machine can run test hosts (names packages)
#   testhost.sh rootfs                        build the cached rootfs unless its recipe is unchanged
#   testhost.sh up NAME INDEX [--bind-ro SRC:DST]...
#                                             boot NAME at 10.231.0.(10+INDEX) unless it is up; exit 3 when
#                                             another live owner has NAME or INDEX
#   testhost.sh exec NAME -- CMD...           run CMD inside NAME with a clean environment; its exit code
#   testhost.sh leader NAME                   the host's PID 1 as seen from outside
#   testhost.sh address NAME                  the host's IPv4 address
#   testhost.sh down NAME                     stop NAME and remove everything it had
#   testhost.sh down-all [--stale|--force]    tear down our hosts and those whose owner is gone (--stale:
#                                             only those; --force: all), leftovers of interrupted runs, and
#                                             the bridge once unused
#
# A host belongs to the process that ran `up` (or the pid in SVCCTL_TESTHOST_OWNER): the test JVM, a shell.
# up and down-all leave alone hosts of another owner that still runs, so test runs side by side do not
# break each other; hosts whose owner is gone are leftovers, and any of them removes those.
# Everything here is idempotent: down and down-all clean up after a half-failed up, a killed run or each other.
set -euo pipefail
# whatever PATH the caller had (a JVM's, a user's), the system's tools come first
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}"

CACHE=${SVCCTL_TESTHOST_CACHE:-/var/cache/svcctl-testhost}
# one run dir per machine: network namespaces, interfaces and cgroups are named machine-wide
RUN=/var/tmp/svcctl-testhost
MIRROR=${SVCCTL_TESTHOST_MIRROR:-http://deb.debian.org/debian}
BOOT_TIMEOUT=${SVCCTL_TESTHOST_BOOT_TIMEOUT:-120}
POOL_SIZE=${SVCCTL_TESTHOST_POOL_SIZE:-4G}
BRIDGE=svcth0
SUBNET=10.231.0
NETNS_PREFIX=svcth-
VETH_PREFIX=svcthv
MAX_INDEX=199
INNER_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EXIT_TAKEN=3

say() { printf 'testhost: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# --- prerequisites ----------------------------------------------------------------------------------------
need() {
  command -v "$1" >/dev/null 2>&1 || die "missing \`$1\`: apt-get install $2 (bin/dev-setup installs everything)"
}

cmd_check() {
  [ "$(id -u)" = 0 ] || die "test hosts need root (network namespaces, mounts, systemd-nspawn): run as root"
  need debootstrap debootstrap
  need systemd-nspawn systemd-container
  need nsenter util-linux
  need flock util-linux
  need findmnt util-linux
  need setsid util-linux
  need ip iproute2
  need ssh-keygen openssh-client
  need sha256sum coreutils
  [ -r /usr/share/keyrings/debian-archive-keyring.gpg ] \
    || die "missing Debian's archive keyring (debootstrap checks bookworm with it): apt-get install debian-archive-keyring"
  [ -c /dev/fuse ] || die "no /dev/fuse: zfs-fuse inside the test hosts needs it (modprobe fuse; apt-get install fuse3)"
  grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null || true
  grep -qw overlay /proc/filesystems || die "the kernel has no overlayfs (modprobe overlay): hosts are overlays of one rootfs"
}

# --- the rootfs recipe ------------------------------------------------------------------------------------
# rootfs_recipe and rootfs_configure decide what a host is made of; their text (as bash prints it back,
# so comments do not count) is the cache key: change them and the next run builds a new rootfs.
rootfs_recipe() {
  local root=$1
  debootstrap --variant=minbase --cache-dir="$CACHE/debs" \
    --include=systemd,systemd-sysv,dbus,systemd-container,iproute2,zfs-fuse,openssh-server,busybox-static,curl,ca-certificates \
    bookworm "$root" "$MIRROR"
  # ca-certificates-java runs java while it configures: apt in a chroot with /proc, /sys and /dev mounted
  chroot_mounts "$root"
  printf 'deb %s bookworm main\n' "$MIRROR" > "$root/etc/apt/sources.list"
  in_chroot "$root" apt-get update -q
  in_chroot "$root" apt-get install -y -q --no-install-recommends openjdk-17-jre-headless
  rm -rf "$root"/var/lib/apt/lists/*
  # the downloaded packages stay in the cache's apt-archives, mounted over the rootfs's own (left empty)
  unmount_below "$root"
  rootfs_configure "$root"
}

rootfs_configure() {
  local root=$1
  # empty: systemd makes a machine id per boot from nspawn's random container uuid
  : > "$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id" "$root/etc/hostname"
  # host keys are made once per run dir and shared by its hosts (see ensure_keys), so known_hosts can list them
  rm -f "$root"/etc/ssh/ssh_host_*
  printf '%s\n' 'HostKey /etc/ssh/ssh_host_ed25519_key' 'PermitRootLogin prohibit-password' \
    'PasswordAuthentication no' 'KbdInteractiveAuthentication no' 'UseDNS no' \
    > "$root/etc/ssh/sshd_config.d/svcctl-testhost.conf"
  printf '%s\n' 'Host 10.231.0.*' '  BatchMode yes' '  ConnectTimeout 10' '  IdentityFile /root/.ssh/id_ed25519' \
    > "$root/etc/ssh/ssh_config.d/svcctl-testhost.conf"
  install -d -m 700 "$root/root/.ssh"
  # Debian's zfs-fuse unit runs an init script that fails in a container (it sets rlimits and an OOM score
  # that need CAP_SYS_RESOURCE) and leaves the daemon running: run the daemon itself, ready once zpool answers
  mkdir -p "$root/etc/systemd/system/zfs-fuse.service.d"
  printf '%s\n' '[Service]' 'Type=simple' 'RemainAfterExit=no' 'KillMode=control-group' \
    'ExecStart=' 'ExecStart=/sbin/zfs-fuse --no-daemon' \
    'ExecStartPost=/bin/sh -c "for i in $$(seq 100); do zpool list >/dev/null 2>&1 && exit 0; sleep 0.1; done; exit 1"' \
    'ExecStop=' 'ExecStop=-/sbin/zfs umount -a' \
    > "$root/etc/systemd/system/zfs-fuse.service.d/testhost.conf"
  # the journal in memory; no progress animation in the console log; no timers, no console login
  mkdir -p "$root/etc/systemd/journald.conf.d" "$root/etc/systemd/system.conf.d"
  printf '%s\n' '[Manager]' 'ShowStatus=no' > "$root/etc/systemd/system.conf.d/testhost.conf"
  printf '%s\n' '[Journal]' 'Storage=volatile' 'RuntimeMaxUse=64M' > "$root/etc/systemd/journald.conf.d/testhost.conf"
  local unit
  for unit in apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer fstrim.timer \
    systemd-tmpfiles-clean.timer console-getty.service getty-static.service; do
    ln -sfn /dev/null "$root/etc/systemd/system/$unit"
  done
  echo 'LANG=C.UTF-8' > "$root/etc/default/locale"
  # hosts reach nothing but the bridge: no nameserver, so a lookup fails at once instead of timing out
  echo '# test hosts have no DNS: names are in /etc/hosts' > "$root/etc/resolv.conf"
}

recipe_key() {
  declare -f rootfs_recipe rootfs_configure | sha256sum | cut -c1-16
}

in_chroot() {
  local root=$1; shift
  chroot "$root" /usr/bin/env -i PATH="$INNER_PATH" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# Mounts what apt needs in the chroot, and apt's download cache (kept across builds).
chroot_mounts() {
  local root=$1
  mkdir -p "$CACHE/apt-archives/partial"
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --bind /dev "$root/dev"
  mount --bind /dev/pts "$root/dev/pts"
  mount --bind "$CACHE/apt-archives" "$root/var/cache/apt/archives"
}

# Unmounts everything below DIR, deepest first; fails if something stays mounted.
unmount_below() {
  local dir=$1 target
  findmnt -rn -o TARGET | awk -v d="$dir/" 'index($0, d) == 1 || $0 == substr(d, 1, length(d) - 1)' \
    | sort -r | while read -r target; do
      umount "$target" 2>/dev/null || umount -l "$target"
    done
  ! findmnt -rn -o TARGET | awk -v d="$dir/" 'index($0, d) == 1' | grep -q . \
    || die "something is still mounted below $dir; not removing it"
}

remove_tree() {
  unmount_below "$1"
  rm -rf --one-file-system "$1"
}

with_cache_lock() {
  mkdir -p "$CACHE"
  exec {cache_lock}>"$CACHE/lock"
  flock -w 1800 "$cache_lock" || die "another rootfs build held $CACHE/lock for 30 minutes"
}

cmd_rootfs() {
  cmd_check
  local key base
  key=$(recipe_key)
  base="$CACHE/rootfs-$key"
  if [ -d "$base" ]; then echo "$base"; return; fi
  with_cache_lock
  if [ ! -d "$base" ]; then
    # builds of killed runs: nobody else builds while we hold the lock
    local stale
    for stale in "$CACHE"/.build-*; do [ -e "$stale" ] && remove_tree "$stale"; done
    local build="$CACHE/.build-$key"
    local log="$CACHE/build-$key.log"
    mkdir -p "$CACHE/debs" "$build"
    say "building the test host rootfs $key (debootstrap bookworm + a JRE, about a minute; log: $log)"
    local started=$SECONDS
    (
      trap 'unmount_below "$build"' EXIT
      rootfs_recipe "$build"
    ) > "$log" 2>&1 || { tail -n 25 "$log" >&2; remove_tree "$build"; die "building the rootfs failed; see $log"; }
    mv "$build" "$base"  # only a complete rootfs ever has the final name
    say "rootfs $key built in $((SECONDS - started))s"
    prune_rootfs "$base"
  fi
  exec {cache_lock}>&-
  echo "$base"
}

# Removes rootfs builds of older recipes that no host still has as its overlay's lower layer.
prune_rootfs() {
  local keep=$1 old
  for old in "$CACHE"/rootfs-*; do
    [ -d "$old" ] && [ "$old" != "$keep" ] || continue
    if grep -qsxF "$old" "$RUN"/hosts/*/base; then continue; fi
    say "removing the rootfs of an older recipe: $old"
    remove_tree "$old"
  done
}

# --- host bookkeeping -------------------------------------------------------------------------------------
# $RUN/hosts/NAME/ holds: index, address, owner ("pid starttime"), base (the rootfs below the
# overlay), upper/ work/ root/ (the overlay), nspawn and leader ("pid starttime"), console.log.
host_dir() { echo "$RUN/hosts/$1"; }

check_name() {
  [[ $1 =~ ^[a-z][a-z0-9-]{0,30}$ ]] || die "host name '$1' must be a-z, 0-9 and '-', starting with a letter, at most 31"
}

start_time() { # field 22 of /proc/PID/stat; the command name (field 2) may hold spaces, so cut after its ')'
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  set -- $stat
  case $1 in Z|X) return 1 ;; esac  # a zombie has finished: its parent (maybe init, slowly) reaps it
  echo "${20}"
}

# "PID STARTTIME": true while that very process runs (a pid alone may have been reused)
process_alive() {
  local pid=${1%% *} start=${1#* } now
  [ -n "$pid" ] && [ -n "$start" ] && now=$(start_time "$pid") && [ "$now" = "$start" ]
}

stamp() { echo "$1 $(start_time "$1")"; }

# True when a running process other than our owner owns the host in DIR: leave it alone.
held_by_other() {
  local owner
  owner=$(cat "$1/owner" 2>/dev/null) || return 1
  [ "$owner" != "$OWNER" ] && process_alive "$owner"
}

# Our owner, stamped: SVCCTL_TESTHOST_OWNER, else whoever called us (a test JVM, a shell).
owner_stamp() {
  local pid=${SVCCTL_TESTHOST_OWNER:-$PPID} stamped
  [[ $pid =~ ^[0-9]+$ ]] && stamped=$(stamp "$pid") && process_alive "$stamped" \
    || die "owner process '$pid' (SVCCTL_TESTHOST_OWNER) does not run"
  echo "$stamped"
}

# The run dir's lock: held while hosts are allocated or removed and the bridge is made or deleted, never
# while a host boots, so hosts boot in parallel.
lock_run() {
  mkdir -p "$RUN/hosts"
  exec {run_lock}>"$RUN/lock"
  flock -w 300 "$run_lock" || die "$RUN/lock was held for 5 minutes"
}
unlock_run() { exec {run_lock}>&-; }

# The host's PID 1 (its systemd) as this machine sees it, once it runs.
leader_of() {
  local dir; dir=$(host_dir "$1")
  local leader; leader=$(cat "$dir/leader" 2>/dev/null) || return 1
  process_alive "$leader" || return 1
  echo "${leader%% *}"
}

# nspawn's child that is PID 1 in a new pid namespace: the container's init
find_leader() {
  local nspawn=$1 child nspid
  for child in $(cat "/proc/$nspawn/task/$nspawn/children" 2>/dev/null); do
    nspid=$(awk '/^NSpid:/ { print NF, $NF }' "/proc/$child/status" 2>/dev/null) || continue
    [ "$nspid" = "3 1" ] && { echo "$child"; return 0; }
  done
  return 1
}

in_host() {
  local leader=$1; shift
  env -i PATH="$INNER_PATH" HOME=/root LANG=C.UTF-8 TERM=dumb nsenter -t "$leader" -a "$@"
}

# --- cgroups ----------------------------------------------------------------------------------------------
# nspawn --keep-unit puts the container in payload/ (and itself in supervisor/) below the cgroup it starts in:
# hosts started from one cgroup would share them, and each host's systemd would manage, and kill, the others'
# services. So each host starts in a cgroup of its own, in every hierarchy systemd uses: the name=systemd one
# of cgroup v1 and cgroup2 (hybrid or unified).
cgroup_roots() {
  findmnt -rn -t cgroup,cgroup2 -o TARGET,FSTYPE,OPTIONS \
    | awk '$2 == "cgroup2" || $3 ~ /(^|,)name=systemd(,|$)/ { print $1 }'
}

enter_host_cgroup() {
  local root
  for root in $(cgroup_roots); do
    mkdir -p "$root/svcctl-testhost/$1"
    echo "$BASHPID" > "$root/svcctl-testhost/$1/cgroup.procs"
  done
}

# After its processes are gone: the host's cgroups, deepest first (the kernel may take a moment to empty them).
remove_host_cgroups() {
  local root i
  for root in $(cgroup_roots); do
    for ((i = 0; i < 50; i++)); do
      [ -d "$root/svcctl-testhost/$1" ] || break
      find "$root/svcctl-testhost/$1" -depth -type d -exec rmdir {} + 2>/dev/null || sleep 0.1
    done
    [ ! -d "$root/svcctl-testhost/$1" ] || say "could not remove the cgroup $root/svcctl-testhost/$1"
  done
}

# --- network ----------------------------------------------------------------------------------------------
ensure_bridge() {
  ip link show "$BRIDGE" >/dev/null 2>&1 && return
  ip link add "$BRIDGE" type bridge forward_delay 0
  ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

plug_host() {
  local name=$1 index=$2 ns="$NETNS_PREFIX$1" veth="$VETH_PREFIX$2"
  ip netns add "$ns"
  ip link add "$veth" type veth peer name host0 netns "$ns"
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "$SUBNET.$((10 + index))/24" dev host0
  ip -n "$ns" link set host0 up
  ip -n "$ns" route add default via "$SUBNET.1"
}

# --- ssh: one client key and one host key per run dir, shared by its hosts --------------------------------
ensure_keys() {
  mkdir -p "$RUN/ssh"
  [ -f "$RUN/ssh/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C svcctl-testhost -f "$RUN/ssh/id_ed25519"
  [ -f "$RUN/ssh/ssh_host_ed25519_key" ] \
    || ssh-keygen -q -t ed25519 -N '' -C svcctl-testhost-host -f "$RUN/ssh/ssh_host_ed25519_key"
  # every host has that host key: one line vouches for all their addresses (ssh -o UserKnownHostsFile= from outside)
  if [ ! -f "$RUN/ssh/known_hosts" ]; then
    echo "$SUBNET.* $(cut -d' ' -f1,2 "$RUN/ssh/ssh_host_ed25519_key.pub")" > "$RUN/ssh/known_hosts.new"
    mv "$RUN/ssh/known_hosts.new" "$RUN/ssh/known_hosts"
  fi
}

install_keys() {
  local root=$1
  install -m 600 "$RUN/ssh/id_ed25519" "$root/root/.ssh/id_ed25519"
  install -m 644 "$RUN/ssh/id_ed25519.pub" "$root/root/.ssh/id_ed25519.pub"
  install -m 600 "$RUN/ssh/id_ed25519.pub" "$root/root/.ssh/authorized_keys"
  install -m 600 "$RUN/ssh/ssh_host_ed25519_key" "$root/etc/ssh/ssh_host_ed25519_key"
  install -m 644 "$RUN/ssh/ssh_host_ed25519_key.pub" "$root/etc/ssh/ssh_host_ed25519_key.pub"
  install -m 644 "$RUN/ssh/known_hosts" "$root/etc/ssh/ssh_known_hosts"
}

# --- up ---------------------------------------------------------------------------------------------------
# Under the run lock: claim NAME and INDEX (exit 3 when a live owner has either), clear stale hosts in the
# way, record the host and plug it into the bridge. Returns 1 when this very host is up already.
claim_host() {
  local name=$1 index=$2 base=$3 dir other
  dir=$(host_dir "$name")
  lock_run
  for other in "$RUN"/hosts/*/; do
    other=${other%/}
    [ -d "$other" ] || continue
    if [ "$other" = "$dir" ] || [ "$(cat "$other/index" 2>/dev/null)" = "$index" ]; then
      if held_by_other "$other"; then
        unlock_run
        say "host $(basename "$other") (index $(cat "$other/index" 2>/dev/null)) belongs to running process $(cut -d' ' -f1 "$other/owner")"
        exit $EXIT_TAKEN
      fi
      if [ "$other" = "$dir" ] && [ "$(cat "$dir/index")" = "$index" ] && [ "$(cat "$dir/owner")" = "$OWNER" ] \
        && leader_of "$name" >/dev/null; then
        unlock_run
        return 1
      fi
      down_host "$(basename "$other")"
    fi
  done
  ensure_bridge
  mkdir -p "$dir"
  echo "$OWNER" > "$dir/owner"
  echo "$index" > "$dir/index"
  echo "$base" > "$dir/base"
  echo "$SUBNET.$((10 + index))" > "$dir/address"
  plug_host "$name" "$index"
  ensure_keys
  unlock_run
}

cmd_up() {
  local name=$1 index=$2; shift 2
  check_name "$name"
  [[ $index =~ ^[0-9]+$ ]] && [ "$index" -le $MAX_INDEX ] || die "host index must be 0-$MAX_INDEX, not '$index'"
  local binds=() bind
  while [ $# -gt 0 ]; do
    case $1 in
      --bind-ro)
        [ $# -ge 2 ] || die "--bind-ro needs SRC:DST"
        bind=$2
        [[ $bind == /*:/* ]] || die "--bind-ro wants absolute SRC:DST, not '$bind'"
        [ -e "${bind%%:*}" ] || die "--bind-ro source ${bind%%:*} does not exist"
        binds+=("--bind-ro=$bind"); shift 2 ;;
      *) die "up: unknown option '$1'" ;;
    esac
  done
  local started=$SECONDS base dir
  base=$(cmd_rootfs)
  dir=$(host_dir "$name")
  if ! claim_host "$name" "$index" "$base"; then
    say "host $name is up already at $(cat "$dir/address") (as it was booted)"
    return
  fi

  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  mount -t overlay "svcctl-testhost-$name" -o "lowerdir=$base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
  echo "$name" > "$dir/root/etc/hostname"
  # daemons look their own name up (zfs-fuse waits 10 s for DNS otherwise)
  printf '127.0.0.1\tlocalhost\n%s\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
    "$(cat "$dir/address")" "$name" > "$dir/root/etc/hosts"
  install_keys "$dir/root"

  # in a cgroup of its own (see enter_host_cgroup), detached from us: its own session, no terminal, none of
  # our descriptors (a caller reading our output must see its end while the host runs on). A test host stands
  # for a real machine: all capabilities and a writable /proc/sys, so that services' own namespaces
  # (PrivateNetwork=, sysctls in them) behave as on bare metal.
  (
    enter_host_cgroup "$name"
    SYSTEMD_NSPAWN_API_VFS_WRITABLE=1 \
    exec setsid systemd-nspawn --quiet -b -D "$dir/root" -M "$name" --keep-unit --register=no \
      --capability=all --link-journal=no --resolv-conf=off --console=read-only --bind=/dev/fuse \
      --network-namespace-path="/run/netns/$NETNS_PREFIX$name" "${binds[@]}"
  ) < /dev/null > "$dir/console.log" 2>&1 &
  local nspawn=$!
  stamp "$nspawn" > "$dir/nspawn"
  say "booting $name at $(cat "$dir/address") (nspawn pid $nspawn, console log $dir/console.log)"

  local leader="" state="" deadline=$((SECONDS + BOOT_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    process_alive "$(cat "$dir/nspawn")" || boot_failed "$name" "systemd-nspawn exited while the host booted"
    if [ -z "$leader" ] && leader=$(find_leader "$nspawn"); then stamp "$leader" > "$dir/leader"; fi
    if [ -n "$leader" ]; then
      state=$(in_host "$leader" timeout 10 systemctl is-system-running 2>/dev/null) || true
      case $state in
        running|degraded) break ;;
        maintenance|stopping) boot_failed "$name" "systemd is in state '$state'" ;;
      esac
    fi
    sleep 0.2
  done
  case $state in
    running|degraded) ;;
    *) boot_failed "$name" "not booted within ${BOOT_TIMEOUT}s (state '${state:-no systemd yet}')" ;;
  esac
  [ "$state" = running ] || say "$name is degraded: $(in_host "$leader" systemctl --failed --plain --no-legend 2>&1 | tr '\n' ';')"
  ensure_pool "$name" "$leader"
  say "host $name is up at $(cat "$dir/address") in $((SECONDS - started))s (leader pid $leader)"
}

boot_failed() {
  local name=$1 why=$2 dir leader; dir=$(host_dir "$1")
  say "console of $name (last lines of $dir/console.log):"
  tail -n 20 "$dir/console.log" >&2 || true
  if leader=$(leader_of "$name"); then
    say "journal of $name (last lines):"
    in_host "$leader" journalctl --no-pager -n 40 >&2 || true
  fi
  die "host $name failed to boot: $why; 'testhost.sh down $name' removes what is left"
}

# zfs-fuse answers, and the file-backed pool tank exists
ensure_pool() {
  local name=$1 leader=$2 i
  if ! zpool_answers "$leader" 50; then
    say "zfs-fuse does not answer in $name: restarting it"
    in_host "$leader" systemctl restart zfs-fuse >&2 || true
    zpool_answers "$leader" 100 || {
      in_host "$leader" systemctl status --no-pager -n 30 zfs-fuse >&2 || true
      die "zfs-fuse does not answer in host $name"
    }
  fi
  if ! in_host "$leader" zpool list -H tank >/dev/null 2>&1; then
    in_host "$leader" truncate -s "$POOL_SIZE" /var/lib/svcctl-pool.img
    in_host "$leader" zpool create tank /var/lib/svcctl-pool.img >&2
  fi
}

zpool_answers() {
  local leader=$1 tries=$2 i
  for ((i = 0; i < tries; i++)); do
    in_host "$leader" zpool list >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# --- exec -------------------------------------------------------------------------------------------------
cmd_exec() {
  local name=$1; shift
  [ "${1:-}" = -- ] || die "usage: exec NAME -- CMD..."
  shift
  [ $# -gt 0 ] || die "usage: exec NAME -- CMD..."
  local leader; leader=$(leader_of "$name") || die "host $name is not running"
  exec env -i PATH="$INNER_PATH" HOME=/root LANG=C.UTF-8 TERM=dumb nsenter -t "$leader" -a "$@"
}

# --- down -------------------------------------------------------------------------------------------------
# Stops one host and removes all of it; call it under the run lock. Safe on any half-made host.
down_host() {
  local name=$1 dir nspawn leader index
  dir=$(host_dir "$name")
  nspawn=$(cat "$dir/nspawn" 2>/dev/null || true)
  leader=$(cat "$dir/leader" 2>/dev/null || true)
  local found
  if [ -z "$leader" ] && process_alive "$nspawn" && found=$(find_leader "${nspawn%% *}"); then
    leader=$(stamp "$found")  # up was interrupted before it wrote the leader down
  fi
  if process_alive "$nspawn"; then
    # nspawn's way to stop a container at once: a first SIGTERM asks its systemd to power off, a second one
    # kills it (a clean shutdown would only cost seconds: the host's disks are thrown away)
    kill -TERM "${nspawn%% *}" 2>/dev/null || true
    sleep 0.1
    kill -TERM "${nspawn%% *}" 2>/dev/null || true
    wait_gone "$nspawn" 50
  fi
  # killing PID 1 of the host's pid namespace kills everything in it at once
  if process_alive "$leader"; then kill -KILL "${leader%% *}" 2>/dev/null || true; fi
  if process_alive "$nspawn"; then kill -KILL "${nspawn%% *}" 2>/dev/null || true; fi
  wait_gone "$leader" 50
  wait_gone "$nspawn" 50
  process_alive "$nspawn" && die "systemd-nspawn of $name (pid ${nspawn%% *}) does not die"
  remove_host_cgroups "$name"
  index=$(cat "$dir/index" 2>/dev/null || true)
  ip netns del "$NETNS_PREFIX$name" 2>/dev/null || true
  [ -z "$index" ] || ip link del "$VETH_PREFIX$index" 2>/dev/null || true
  [ ! -e "$dir" ] || remove_tree "$dir"
}

wait_gone() {
  local stamped=$1 tries=$2 i
  for ((i = 0; i < tries; i++)); do
    process_alive "$stamped" || return 0
    sleep 0.1
  done
  return 0
}

cmd_down() {
  check_name "$1"
  lock_run
  down_host "$1"
  unlock_run
}

cmd_down_all() {
  local mode=${1:-} dir name kept=0
  lock_run
  for dir in "$RUN"/hosts/*/; do
    dir=${dir%/}
    [ -d "$dir" ] || continue
    name=$(basename "$dir")
    if [ "$mode" = --stale ] && process_alive "$(cat "$dir/owner" 2>/dev/null)"; then
      kept=$((kept + 1))
      continue
    fi
    if [ "$mode" != --force ] && held_by_other "$dir"; then
      kept=$((kept + 1))
      say "keeping $name: process $(cut -d' ' -f1 "$dir/owner") owns it (down-all --force removes it too)"
      continue
    fi
    down_host "$name"
  done
  reap_orphans
  if [ "$kept" = 0 ]; then
    ip link del "$BRIDGE" 2>/dev/null || true
    local root
    for root in $(cgroup_roots); do rmdir "$root/svcctl-testhost" 2>/dev/null || true; done
  fi
  unlock_run
}

# What a killed run can leave without a host dir: nspawn processes on a host root, network namespaces, veths.
reap_orphans() {
  local pid ns link leader
  local args root
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = systemd-nspawn ] || continue
    args=$(tr '\0' '\n' 2>/dev/null < "/proc/$pid/cmdline") || continue
    root=$(grep -x "$RUN/hosts/[^/]*/root" <<< "$args") || continue
    [ ! -d "$(dirname "$root")" ] || continue
    say "killing systemd-nspawn $pid of a removed host"
    leader=$(find_leader "$pid") && leader=$(stamp "$leader") || leader=""
    pid=$(stamp "$pid")
    [ -z "$leader" ] || kill -KILL "${leader%% *}" 2>/dev/null || true
    kill -KILL "${pid%% *}" 2>/dev/null || true
    wait_gone "$leader" 50
    wait_gone "$pid" 50
  done
  local cg
  for root in $(cgroup_roots); do
    for cg in "$root"/svcctl-testhost/*/; do
      cg=$(basename "$cg")
      [ "$cg" != '*' ] && [ ! -d "$(host_dir "$cg")" ] || continue
      say "removing cgroups of removed host $cg"
      remove_host_cgroups "$cg"
    done
  done
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
    [[ $ns == "$NETNS_PREFIX"* ]] && [ ! -d "$(host_dir "${ns#"$NETNS_PREFIX"}")" ] || continue
    say "removing network namespace $ns of a removed host"
    ip netns del "$ns" || true
  done
  for link in $(ip -o link show type veth 2>/dev/null | awk -F': ' '{ print $2 }' | cut -d@ -f1); do
    [[ $link =~ ^$VETH_PREFIX([0-9]+)$ ]] || continue
    grep -qsx "${BASH_REMATCH[1]}" "$RUN"/hosts/*/index && continue
    say "removing interface $link of a removed host"
    ip link del "$link" || true
  done
}

# --- main -------------------------------------------------------------------------------------------------
usage() {
  sed -n '5,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

case ${1:-} in
  check) cmd_check ;;
  rootfs) cmd_rootfs ;;
  up) shift; [ $# -ge 2 ] || usage; OWNER=$(owner_stamp); cmd_up "$@" ;;
  exec) shift; [ $# -ge 1 ] || usage; cmd_exec "$@" ;;
  leader) shift; [ $# = 1 ] || usage; leader_of "$1" || die "host $1 is not running" ;;
  address) shift; [ $# = 1 ] || usage; cat "$(host_dir "$1")/address" 2>/dev/null || die "no host $1" ;;
  down) shift; [ $# = 1 ] || usage; cmd_down "$1" ;;
  down-all)
    shift; [ $# -le 1 ] || usage
    case ${1:-} in ''|--stale|--force) ;; *) usage ;; esac
    OWNER=$(owner_stamp); cmd_down_all "${1:-}" ;;
  *) usage ;;
esac
