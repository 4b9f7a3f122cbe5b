#!/bin/sh
# Install Debian's PostgreSQL server binaries so the test suite can start a throw-away
# server (tests/store/conftest.py runs initdb + pg_ctl into a temp dir itself).
# Idempotent: does nothing when initdb is already present. Needs root on Debian/Ubuntu.
set -eu

find_initdb() {
    command -v initdb 2>/dev/null && return 0
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d/initdb"; return 0; }
    done
    return 1
}

if path=$(find_initdb); then
    echo "postgresql already installed: $path"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
else
    SUDO=""
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# postgresql pulls in the versioned server package; contrib brings pg_trgm.
$SUDO apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
# Debian starts a cluster on install where it can; the tests never use it.
if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _rest; do
        $SUDO pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true
    done
fi

path=$(find_initdb) || { echo "postgresql install failed: no initdb found" >&2; exit 1; }
echo "postgresql installed: $path"
