#!/usr/bin/env bash
# Runs a command against a private, unlocked GNOME keyring, so keychain tests use a real Secret
# Service without ever touching the developer's own keyring or session.
#
#   with-keyring.sh [--fresh] [--stuck-prompter] CMD [ARGS...]
#
# What it does (Linux, when dbus-run-session, gnome-keyring-daemon, secret-tool and dbus-send exist):
#   1. makes a throwaway folder (mode 700) and starts a private D-Bus session bus in it with
#      `dbus-run-session`, using a bus config with NO service activation: nothing on the bus can
#      start a second keyring daemon, or an unlock prompt, behind our back;
#   2. starts `gnome-keyring-daemon --foreground --unlock --components=secrets` on that bus, with
#      HOME / XDG_* pointing into the throwaway folder and a random throwaway password on stdin:
#      `--unlock` creates the "login" keyring with that password, unlocked, as the default collection
#      (keyring-daemon.sh). It watches the daemon: if it exits while CMD runs, it prints at once
#        [keyring] gnome-keyring-daemon exited during the tests (status …); its log:
#      and the log, restarts it with the same password (the keyring files unlock again; at most 3
#      times), and says so again after CMD; the exit code stays CMD's (keyring-daemon.sh says why);
#   3. makes sure the "default" alias points at a collection, then proves the keyring works with a
#      `secret-tool store` / `lookup` / `clear` round trip;
#   4. runs CMD with DBUS_SESSION_BUS_ADDRESS set to the private bus and
#        DTT_TEST_KEYRING=1                 the real keyring is ready
#        DTT_TEST_KEYRING_ROOT=<folder>     the throwaway folder (the bus socket is in it)
#        DTT_TEST_KEYRING_DIR=…/keyrings    where the daemon keeps its (encrypted) keyring files
#        DTT_TEST_KEYRING_SCRIPT=<this file>
#        GNOME_KEYRING_CONTROL=…            as gnome-keyring would export it
#      CMD keeps the caller's HOME and XDG_* variables;
#   5. stops the daemon and its watcher, the bus goes away with dbus-run-session, the folder is
#      deleted; exits with CMD's exit code.
#
# When the tools are missing (or not on Linux, or DTT_TEST_KEYRING=0) it runs CMD as is, with
# DTT_TEST_KEYRING=0 and DTT_TEST_KEYRING_SKIP_REASON set, after printing one line saying why the
# keychain tests will skip. When the tools exist but the keyring cannot be set up, that is an error
# (exit 1, with the daemon's log), so CI never passes by silently skipping.
#
# Already inside a private keyring (DTT_TEST_KEYRING=1), CMD runs in it directly, unless --fresh
# asks for a new one (a test that locks the keyring uses its own, not the one other tests share);
# its daemon gets none of the outer run's GNOME_KEYRING_CONTROL / GNOME_KEYRING_PID / SSH_AUTH_SOCK.
# --stuck-prompter (implies --fresh) simulates an unlock prompt nobody answers: the bus can
# "activate" the keyring's password prompter, but it never appears, so an unlock hangs until the
# bus gives up after DTT_TEST_STUCK_PROMPTER_MS (default 6000) and reports the prompt dismissed.
# Works with no stdin and no TTY.
set -euo pipefail

log() { printf '[keyring] %s\n' "$*" >&2; }

run_without_keyring() {
  local reason=$1
  shift
  log "keychain tests will skip: $reason"
  export DTT_TEST_KEYRING=0 DTT_TEST_KEYRING_SKIP_REASON="$reason"
  exec "$@"
}

self=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")

inside() {
  local tmp=$1
  shift
  local home=$tmp/home run=$tmp/run
  mkdir -p "$home" "$run"
  chmod 700 "$home" "$run"

  # A throwaway password: the keyring lives only as long as this run.
  local password
  password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')

  keyring_supervisor=''
  # shellcheck disable=SC2317 # run by the EXIT trap
  cleanup() { keyring_daemon_stop; }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  fail() {
    log "could not set up the private GNOME keyring: $*"
    if [[ -s $tmp/daemon.log ]]; then sed 's/^/[keyring]   daemon: /' "$tmp/daemon.log" >&2; fi
    if [[ -s $tmp/bus.log ]]; then sed 's/^/[keyring]   bus: /' "$tmp/bus.log" >&2; fi
    log "set DTT_TEST_KEYRING=0 to run the tests without it (keychain tests then skip)"
    exit 1
  }

  # shellcheck source=test/support/keyring/keyring-daemon.sh
  source "$(dirname "$self")/keyring-daemon.sh"
  keyring_daemon_start
  keyring_daemon_ready "$keyring_daemon_pid" || fail "$keyring_daemon_problem"

  local service=/org/freedesktop/secrets
  # `--unlock` creates the "login" keyring and points "default" at it; make sure of the alias anyway.
  local alias
  alias=$(timeout 10 dbus-send --session --print-reply --dest=org.freedesktop.secrets "$service" \
    org.freedesktop.Secret.Service.ReadAlias string:default 2>&1) || fail "ReadAlias failed: $alias"
  if ! grep -q 'object path "/org/freedesktop/secrets/collection/' <<<"$alias"; then
    timeout 10 dbus-send --session --print-reply --dest=org.freedesktop.secrets "$service" \
      org.freedesktop.Secret.Service.SetAlias string:default objpath:$service/collection/login >/dev/null 2>&1 ||
      fail "no default collection, and making 'login' the default failed"
  fi

  # Prove it: store, look up, delete.
  local probe got
  probe=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s' "$probe" | timeout 10 secret-tool store --label='Dropbox Token Tray test harness probe' \
    dtt-harness probe >/dev/null 2>&1 || fail "secret-tool store failed (is the login keyring unlocked?)"
  got=$(timeout 10 secret-tool lookup dtt-harness probe 2>/dev/null) || fail "secret-tool lookup failed"
  [[ $got == "$probe" ]] || fail "secret-tool lookup returned something else than was stored"
  timeout 10 secret-tool clear dtt-harness probe >/dev/null 2>&1 || fail "secret-tool clear failed"

  export DTT_TEST_KEYRING=1
  export DTT_TEST_KEYRING_ROOT=$tmp
  export DTT_TEST_KEYRING_DIR=$home/.local/share/keyrings
  export DTT_TEST_KEYRING_SCRIPT=$self
  unset DTT_TEST_KEYRING_SKIP_REASON
  # Ours, never the one a nested --fresh run inherited from the run around it.
  unset GNOME_KEYRING_CONTROL
  if [[ -S $run/keyring/control ]]; then export GNOME_KEYRING_CONTROL=$run/keyring; fi
  # Anything the daemon printed (VAR=value lines), as `eval $(gnome-keyring-daemon …)` would.
  local line
  while IFS= read -r line; do
    if [[ $line =~ ^[A-Z_][A-Z0-9_]*= ]]; then export "${line?}"; fi
  done <"$tmp/daemon.out"

  keyring_daemon_arm
  if [[ -e $tmp/daemon.exited ]]; then fail "gnome-keyring-daemon exited ($(describe_status "$(cat "$tmp/daemon.exited")"))"; fi
  local rc=0
  "$@" || rc=$?
  keyring_daemon_stop
  keyring_daemon_summary
  exit "$rc"
}

if [[ ${1-} == --inside ]]; then
  shift
  inside "$@"
fi

# The part that runs outside the bus, as one function: bash reads all of it before running it, so
# editing or checking out this file while a run is under way cannot break the end of that run.
main() {
  fresh=0
  stuck=0
  while [[ ${1-} == --fresh || ${1-} == --stuck-prompter ]]; do
    [[ $1 == --stuck-prompter ]] && stuck=1
    fresh=1
    shift
  done
  if [[ $# -eq 0 ]]; then
    echo "usage: $(basename "$0") [--fresh] [--stuck-prompter] CMD [ARGS...]" >&2
    exit 2
  fi

  # Already inside one of ours (the bus lives in our folder): reuse it. A DTT_TEST_KEYRING=1 left in
  # a developer's shell never makes tests use their real session and keyring.
  if [[ $fresh == 0 && ${DTT_TEST_KEYRING-} == 1 && -n ${DTT_TEST_KEYRING_ROOT-} &&
    ${DBUS_SESSION_BUS_ADDRESS-} == *"path=$DTT_TEST_KEYRING_ROOT/"* ]]; then
    exec "$@"
  fi
  if [[ ${DTT_TEST_KEYRING-} == 0 ]]; then
    run_without_keyring "DTT_TEST_KEYRING=0 is set" "$@"
  fi
  if [[ $(uname -s) != Linux ]]; then
    run_without_keyring "they need a private GNOME keyring, which this harness only sets up on Linux" "$@"
  fi
  missing=()
  for tool in dbus-run-session dbus-daemon dbus-send gnome-keyring-daemon secret-tool timeout od; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    run_without_keyring "${missing[*]} not found (apt-get install gnome-keyring dbus libsecret-tools)" "$@"
  fi

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtt-keyring.XXXXXX")
  chmod 700 "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # The bus: a session bus listening in our folder, with no service directories (no activation),
  # except, with --stuck-prompter, a password prompter that never shows up.
  activation=''
  if [[ $stuck == 1 ]]; then
    mkdir -p "$tmp/services"
    for name in org.gnome.keyring.SystemPrompter org.gnome.keyring.PrivatePrompter; do
      printf '[D-BUS Service]\nName=%s\nExec=/bin/sleep 60\n' "$name" >"$tmp/services/$name.service"
    done
    activation="<servicedir>$tmp/services</servicedir>
    <limit name=\"service_start_timeout\">${DTT_TEST_STUCK_PROMPTER_MS:-6000}</limit>"
  fi
  cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$tmp</listen>
  <auth>EXTERNAL</auth>
  $activation
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  # dbus-daemon's own chatter (e.g. "Failed to set fd limit" as root) goes to a log, not the test output.
  cat >"$tmp/dbus-daemon" <<EOF
#!/bin/sh
exec dbus-daemon "\$@" 2>>"$tmp/bus.log"
EOF
  chmod 700 "$tmp/dbus-daemon"

  rc=0
  dbus-run-session --config-file="$tmp/bus.conf" --dbus-daemon="$tmp/dbus-daemon" -- \
    bash "$self" --inside "$tmp" "$@" || rc=$?
  exit "$rc"
}

main "$@"
