# shellcheck shell=bash
# Sourced by with-keyring.sh, on its private bus: starts gnome-keyring-daemon there and watches it
# for as long as the tests run. Uses $tmp, $home, $run, $password and log() from with-keyring.sh.
# shellcheck disable=SC2154 # those variables are with-keyring.sh's
#
# Why a watcher: gnome-keyring-daemon itself dies now and then when it is busy. Seen here (42.1, on
# 2 cores shared with other test runs): a new client's first call, OpenSession, was handled before
# the daemon had registered that client (it does so in an idle callback it only hopes runs first),
# aes_negotiate then returns FALSE without an error, and a GLib error ("g_variant_new: expected
# GVariant of type 'v' but received value has type '(null)'", after "assertion 'client' failed")
# kills it with SIGTRAP. A few writers (secret-tool store/clear) and a few new clients opening
# sessions (busctl), none of our code, bring it down within a minute on a loaded machine; its
# current source still has that path. Every keychain test after it failed as "GNOME Keyring is not
# running", 80 of them, and nothing said the daemon had died.
#
# So once CMD runs, an exit of the daemon is reported on stderr at once (its status and its log),
# and the daemon is restarted with the same password, which unlocks the same keyring files again.
# Restarting rather than failing fast: the daemon's crash is not what the tests test, and with it
# restarted only the tests that were talking to it at that moment fail, next to the report, instead
# of every later keychain test failing for a reason none of them names. The run still says what
# happened (and again at the end, see keyring_daemon_summary). After MAX_RESTARTS exits it is left
# dead: something is then wrong with the machine, not one unlucky moment.

MAX_RESTARTS=3

# Set by keyring_daemon_ready when it returns non-zero.
keyring_daemon_problem=''

describe_status() {
  if (($1 > 128)); then
    printf 'status %s: killed by SIG%s' "$1" "$(kill -l $(($1 - 128)) 2>/dev/null || echo '?')"
  else
    printf 'status %s' "$1"
  fi
}

# One gnome-keyring-daemon on our bus, HOME / XDG_* in our folder, the password on stdin: with
# `--unlock` it creates the "login" keyring with it, or unlocks the one already there. Variables a
# nested --fresh run inherits from the run around it are dropped, so this daemon can never be
# pointed at the other run's daemon (42.1 only reads GNOME_KEYRING_CONTROL for --start/--replace,
# but that is its choice to change, not ours).
start_daemon_process() {
  printf '%s' "$password" |
    env -u GNOME_KEYRING_CONTROL -u GNOME_KEYRING_PID -u SSH_AUTH_SOCK \
      HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
      XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$run" \
      gnome-keyring-daemon --foreground --unlock --components=secrets >"$1" 2>>"$tmp/daemon.log" &
  daemon_pid=$!
}

# Waits up to 10 s for the daemon with pid $1 to own org.freedesktop.secrets on the bus.
keyring_daemon_ready() {
  local pid=$1 tries
  for tries in $(seq 100 -1 1); do
    if ! kill -0 "$pid" 2>/dev/null; then
      keyring_daemon_problem='gnome-keyring-daemon exited'
      return 1
    fi
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      return 0
    fi
    ((tries > 1)) && sleep 0.1
  done
  keyring_daemon_problem='gnome-keyring-daemon did not register org.freedesktop.secrets within 10 seconds'
  return 1
}

login_locked() {
  timeout 10 dbus-send --session --print-reply --dest=org.freedesktop.secrets \
    /org/freedesktop/secrets/collection/login org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked 2>&1 | grep -q 'boolean false' && return 1
  return 0
}

# The daemon's log since byte $1, for a report: its last 40 non-empty lines.
print_daemon_log() {
  local lines
  lines=$(tail -c +"$(($1 + 1))" "$tmp/daemon.log" 2>/dev/null | grep -v '^[[:space:]]*$' | tail -n 40) || true
  if [[ -n $lines ]]; then
    local line
    while IFS= read -r line; do printf '[keyring]   daemon: %s\n' "$line" >&2; done <<<"$lines"
  else
    log '  (it logged nothing)'
  fi
}

# Runs in the background for the whole run: starts the daemon, waits for it, and when it exits
# while CMD runs ($tmp/daemon.armed exists), reports and restarts it. An exit before that is
# written to $tmp/daemon.exited for the set-up to fail on; TERM stops the daemon and the watcher.
supervise_daemon() {
  local harness=$1 status exits=0 offset out="$tmp/daemon.out" stopping=0
  daemon_pid=''
  trap 'stopping=1; if [[ -n $daemon_pid ]]; then kill "$daemon_pid" 2>/dev/null || true; fi' TERM
  while :; do
    offset=$(stat -c %s "$tmp/daemon.log" 2>/dev/null || echo 0)
    start_daemon_process "$out"
    printf '%s\n' "$daemon_pid" >"$tmp/daemon.pid"
    if [[ $stopping == 1 ]]; then kill "$daemon_pid" 2>/dev/null || true; fi
    if ((exits > 0)); then
      if keyring_daemon_ready "$daemon_pid"; then
        if login_locked; then
          log "restarted gnome-keyring-daemon (pid $daemon_pid), but its login keyring did not unlock with the run's password"
        else
          log "restarted gnome-keyring-daemon (pid $daemon_pid) with the same password: the keyring answers and is unlocked again"
        fi
      elif [[ $stopping == 0 ]]; then
        log "restarting gnome-keyring-daemon failed: $keyring_daemon_problem"
      fi
    fi
    status=0
    # (stderr: not bash's own "Trace/breakpoint trap  | env …" notice; the report below says it.)
    wait "$daemon_pid" 2>/dev/null || status=$?
    # TERM interrupts `wait`; reap the daemon the trap just stopped.
    while kill -0 "$daemon_pid" 2>/dev/null; do wait "$daemon_pid" 2>/dev/null || true; done
    if [[ $stopping == 1 ]]; then exit 0; fi
    if [[ ! -e $tmp/daemon.armed ]]; then
      printf '%s\n' "$status" >"$tmp/daemon.exited"
      exit 0
    fi
    # The harness itself is gone (killed): its bus goes with it, so there is nothing to keep alive.
    kill -0 "$harness" 2>/dev/null || exit 0
    log "gnome-keyring-daemon exited during the tests ($(describe_status "$status")); its log:"
    print_daemon_log "$offset"
    exits=$((exits + 1))
    printf '%s\n' "$(describe_status "$status")" >>"$tmp/daemon.restarts"
    if ! dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetId >/dev/null 2>&1; then
      log "the private D-Bus session is gone as well: not restarting gnome-keyring-daemon; the keychain tests after this fail"
      exit 0
    fi
    if ((exits > MAX_RESTARTS)); then
      log "it exited $exits times: not restarting it again; the keychain tests after this fail"
      exit 0
    fi
    log "restarting it with the same password, so the keyring files unlock again; a test that was using the keychain just now may have failed because of this"
    out=/dev/null
  done
}

keyring_daemon_start() {
  rm -f "$tmp/daemon.pid" "$tmp/daemon.exited" "$tmp/daemon.armed" "$tmp/daemon.restarts"
  supervise_daemon "$$" &
  keyring_supervisor=$!
  until [[ -s $tmp/daemon.pid ]] || ! kill -0 "$keyring_supervisor" 2>/dev/null; do sleep 0.05; done
  # shellcheck disable=SC2034 # with-keyring.sh waits on it
  keyring_daemon_pid=$(cat "$tmp/daemon.pid" 2>/dev/null || echo '')
}

# From now on an exit of the daemon is reported and it is restarted.
keyring_daemon_arm() { : >"$tmp/daemon.armed"; }

keyring_daemon_stop() {
  if [[ -n ${keyring_supervisor-} ]]; then
    kill "$keyring_supervisor" 2>/dev/null || true
    wait "$keyring_supervisor" 2>/dev/null || true
    keyring_supervisor=''
  fi
}

# Said again after CMD, where a reader of the run's end looks: the report itself may be far up.
keyring_daemon_summary() {
  [[ -s $tmp/daemon.restarts ]] || return 0
  local n
  n=$(wc -l <"$tmp/daemon.restarts")
  log "note: gnome-keyring-daemon exited $n time(s) during the tests ($(paste -sd ';' "$tmp/daemon.restarts" | sed 's/;/; /g')), see the lines starting \"[keyring] gnome-keyring-daemon exited\" above: a keychain test that failed at that moment may have failed because of it"
}
