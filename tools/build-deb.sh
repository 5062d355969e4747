#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds the Debian package (debian/) with `dpkg-buildpackage -us -uc -b` in a
# copy of the tree and checks it with lintian (no error allowed). With
# --install (as root; CI does it, .ci/run), also installs the .deb, runs its
# smoke tests (debian/tests/smoke) against the installed package and purges
# it again. Needs dpkg-dev, debhelper and lintian.
# Usage: tools/build-deb.sh [--install] [OUTDIR]   (default: a new temp dir)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
install=
if [ "${1:-}" = --install ]; then
    install=1
    shift
fi
out=${1:-$(mktemp -d)}
version=$(sed -n '1s/^[^ ]* (\([^)]*\)).*/\1/p' "$root/debian/changelog")
src=$out/seccomp-shim-$version
rm -rf "$src"
mkdir -p "$src"
# The tree as it is, without the build folder and git's.
tar -C "$root" --exclude=./build --exclude=./.git -cf - . | tar -C "$src" -xf -

echo "deb: building seccomp-shim $version in $src (log: $out/build.log)"
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
    tail -40 "$out/build.log"
    echo "deb: dpkg-buildpackage failed"
    exit 1
fi
changes=$(ls "$out"/seccomp-shim_"$version"_*.changes)
deb=$(ls "$out"/seccomp-shim_"$version"_*.deb)
echo "deb: built $deb"

# Warnings are listed (and documented in debian/README.source); errors fail.
if ! lintian --fail-on error "$changes"; then
    echo "deb: lintian reports errors"
    exit 1
fi
echo "deb: lintian: no error"

[ -n "$install" ] || exit 0
# path-include: a system whose dpkg excludes man pages (slim images) still
# gets this package's, which the smoke tests look for.
purge() { apt-get purge -y -q seccomp-shim >"$out/purge.log" 2>&1; }
trap purge EXIT
apt-get install -y -q -o 'DPkg::Options::=--path-include=/usr/share/man/*' "$deb" >"$out/install.log" 2>&1 || {
    cat "$out/install.log"
    echo "deb: the package does not install"
    exit 1
}
echo "deb: installed; smoke tests of the installed package (debian/tests/smoke):"
status=0
(cd / && "$src/debian/tests/smoke") >"$out/smoke.log" 2>&1 || status=$?
sed 's/^/    /' "$out/smoke.log"
[ "$status" = 0 ] || {
    echo "deb: smoke tests failed"
    exit 1
}
trap - EXIT
purge || {
    cat "$out/purge.log"
    exit 1
}
for f in /usr/bin/seccomp-shim /usr/lib/seccomp-shim /usr/share/seccomp-shim; do
    [ ! -e "$f" ] || {
        echo "deb: purged, but $f is left"
        exit 1
    }
done
echo "deb: ok: built, lintian-clean, installed, smoke-tested, purged"
