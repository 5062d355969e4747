#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Deny-lists that refuse some members of a family of syscalls and leave
# another that does the same thing: the attack goes through the open member,
# and `check` names it. Families come from the syscall names (chmod, fchmod,
# fchmodat, fchmodat2; setxattr, lsetxattr, fsetxattr, setxattrat; ...) and
# a short table (the mount API, stat, file times, open, clone, exec).
. "$(dirname "$0")/lib.sh"

deny() { policy $'[policy]\ndefault = allow\n[syscalls]\nio_uring_setup = errno(ENOSYS)\nio_uring_enter = errno(ENOSYS)\nio_uring_register = errno(ENOSYS)\n'"$1"; }

# chmod refused three ways, fchmodat2 (Linux 6.6) left open: the mode changes.
chmod_py='import ctypes, os, sys
p = sys.argv[1]; os.path.exists(p) and os.unlink(p); os.close(os.open(p, os.O_CREAT | os.O_WRONLY, 0o600))
r = ctypes.CDLL(None, use_errno=True).syscall(452, -100, p.encode(), 0o777, 0)
print("fchmodat2", r, ctypes.get_errno(), oct(os.stat(p).st_mode & 0o777))'
p=$(deny $'chmod = errno(EPERM)\nfchmod = errno(EPERM)\nfchmodat = errno(EPERM)')
shim_file "$p" "$PY" -c "$chmod_py" "$TMP/f"
is "$OUT" "fchmodat2 0 0 0o777" "chmod, fchmod, fchmodat refused: fchmodat2 still changes the mode"
run "$CLI" check "$p"
like "$ERR" ":7: warning: chmod is refused but fchmodat2 is allowed: a deny-list must cover every syscall for what chmod does" \
    "... and check names fchmodat2"
p=$(deny $'chmod = errno(EPERM)\nfchmod = errno(EPERM)\nfchmodat = errno(EPERM)\n452 = errno(EPERM)')
shim_file "$p" "$PY" -c "$chmod_py" "$TMP/f"
is "$OUT" "fchmodat2 -1 1 0o600" "with fchmodat2 refused by number the mode stays"
run "$CLI" check "$p"
is "$STATUS:$ERR" "0:" "... and check is silent"
run "$CLI" check "$(deny '452 = errno(EPERM)')"
like "$ERR" "fchmodat2 is refused but chmod, fchmod, fchmodat are allowed" \
    "a family is found from a syscall libseccomp does not know (452)"

# Extended attributes: the *xattrat calls (Linux 6.13) join their families.
p=$(deny $'setxattr = errno(EPERM)\nlsetxattr = errno(EPERM)\nfsetxattr = errno(EPERM)')
run "$CLI" check "$p"
like "$ERR" "setxattr is refused but setxattrat is allowed" "setxattr family: setxattrat named"
run "$CLI" check "$(deny $'getxattr = errno(EPERM)\nremovexattr = errno(EPERM)\nlistxattr = errno(EPERM)')"
like "$ERR" "getxattr is refused but lgetxattr, fgetxattr, getxattrat are allowed" "getxattr family"
like "$ERR" "removexattr is refused but lremovexattr, fremovexattr, removexattrat are allowed" \
    "removexattr family"
like "$ERR" "listxattr is refused but llistxattr, flistxattr, listxattrat are allowed" "listxattr family"

# The mount API: refusing open_tree leaves open_tree_attr (and mount ...).
run "$CLI" check "$(deny 'open_tree = errno(EPERM)')"
like "$ERR" "open_tree is refused but mount, .*open_tree_attr, mount_setattr are allowed: .* for mounting" \
    "open_tree alone: open_tree_attr and the rest of the mount API named"
run "$CLI" check "$(deny $'mount = errno(EPERM)\numount2 = errno(EPERM)')"
like "$ERR" "mount is refused but fsopen, fsconfig, fsmount, fspick, move_mount, open_tree, open_tree_attr, mount_setattr are allowed" \
    "the classic mount alone: the whole new mount API named"
run "$CLI" check "$(deny '@mount = errno(EPERM)')"
is "$STATUS:$ERR" "0:" "@mount refuses the whole family: no warning"

# Families the names do not show, and names that only look alike.
run "$CLI" check "$(deny $'stat = errno(EACCES)\nlstat = errno(EACCES)\nfstat = errno(EACCES)')"
like "$ERR" "stat is refused but newfstatat, statx are allowed" "stat family from the table"
run "$CLI" check "$(deny $'unlink = errno(EPERM)\nrename = errno(EPERM)\nlink = errno(EPERM)')"
like "$ERR" "unlink is refused but unlinkat is allowed" "unlink family"
like "$ERR" "rename is refused but renameat, renameat2 are allowed" "rename family"
like "$ERR" "link is refused but linkat is allowed" "link family"
run "$CLI" check "$(deny $'sync = errno(EPERM)\ninit_module = errno(EPERM)')"
unlike "$ERR" "fsync" "sync alone: fsync is not its variant (it flushes one file)"
like "$ERR" "init_module is refused but finit_module is allowed" "init_module family"
# Conditional rules count as refusing: the open member is still named.
run "$CLI" check "$(deny $'chown = errno(EPERM) if arg1 == 0\nfchown = errno(EPERM) if arg1 == 0\nlchown = errno(EPERM) if arg1 == 0')"
like "$ERR" "chown is refused but fchownat is allowed" "conditional refusals: fchownat named"

# Allowlists: what they do not list gets the default; no family warning.
run "$CLI" check "$(policy $'[policy]\ndefault = errno(EPERM)\n[syscalls]\nexit_group = allow\nrt_sigreturn = allow\nclone3 = errno(ENOSYS)\nopenat2 = errno(ENOSYS)\nchmod = allow\nmount = kill')"
unlike "$ERR" "is refused but" "allowlist: no family warning"

done_testing
