#!/usr/bin/env bash
# Reproduces the gnome-keyring-daemon crash keyring-daemon.sh watches for, with no code of ours: a
# few writers keep the daemon busy while new clients open sessions, until it dies (SIGTRAP, "GLib-
# ERROR … g_variant_new: expected GVariant of type 'v'"). Seen within a minute on 2 busy cores (42.1);
# an idle machine may need longer, or never. Not part of npm test. Run it inside a private keyring:
#
#   bash test/support/keyring/with-keyring.sh bash test/support/keyring/reproduce-daemon-crash.sh [SECONDS]
#
# Prints whether the daemon died; with-keyring.sh reports the exit and restarts the daemon.
set -euo pipefail
[[ ${DTT_TEST_KEYRING-} == 1 ]] || {
  echo "run it inside with-keyring.sh (see the header)" >&2
  exit 2
}
seconds=${1:-120}
end=$((SECONDS + seconds))
died() { [[ -e $DTT_TEST_KEYRING_ROOT/daemon.restarts ]]; }
key="ay 128 $(for _ in $(seq 128); do printf '%d ' $((RANDOM % 256)); done)"
payload=$(printf 'x%.0s' $(seq 2000))

writer() {
  while ((SECONDS < end)) && ! died; do
    printf '%s' "$payload" | secret-tool store --label='crash reproducer' dtt-crash "$1" >/dev/null 2>&1 || true
    secret-tool clear dtt-crash "$1" >/dev/null 2>&1 || true
  done
}
opener() {
  # shellcheck disable=SC2086 # $key is the signature's arguments
  while ((SECONDS < end)) && ! died; do
    busctl --address="$DBUS_SESSION_BUS_ADDRESS" call org.freedesktop.secrets /org/freedesktop/secrets \
      org.freedesktop.Secret.Service OpenSession sv dh-ietf1024-sha256-aes128-cbc-pkcs7 $key >/dev/null 2>&1 || true
  done
}

start=$SECONDS
for n in 1 2 3; do
  writer "w$n" &
  opener &
done
wait
if died; then
  echo "gnome-keyring-daemon died after $((SECONDS - start)) s"
else
  echo "gnome-keyring-daemon survived $((SECONDS - start)) s"
fi
