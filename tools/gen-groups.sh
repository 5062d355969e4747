#!/bin/sh
# Regenerates data/syscall-groups.txt, the syscall groups (@aio, @privileged,
# ...) a policy may name, from systemd's own list. Run it on a machine whose
# systemd is the version you want, review the diff and commit it; the build
# turns the file into a C table (tools/gen-tables.sh), nothing reads it at run
# time. Groups this systemd lacks are in data/syscall-groups-extra.txt.
# Usage: tools/gen-groups.sh [OUTFILE]
set -eu
out=${1:-$(dirname "$0")/../data/syscall-groups.txt}
version=$(systemd-analyze --version | sed -n '1p')
{
    echo "# Syscall groups: the output of \`systemd-analyze syscall-filter\` ($version)"
    echo "# on $(. /etc/os-release && echo "$PRETTY_NAME"), saved by tools/gen-groups.sh; regenerate with it."
    echo "# Format: \"@group\" starts a group, indented lines are its members (syscalls,"
    echo "# or other groups), an indented \"# text\" describes it, lines starting with"
    echo "# \"#\" are comments. Members x86_64 lacks are skipped when a policy uses a group."
    echo "#"
    systemd-analyze syscall-filter 2>/dev/null
} >"$out.tmp"
mv "$out.tmp" "$out"
