/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Table-driven test of the policy language: each case is a set of policy files
 * (written to a scratch folder), the one to parse, and either the expected
 * error ("FILE:LINE: message", compared as a prefix) or lines the resolved
 * policy must and must not show, and the lint warnings it must give (all of
 * them, in order). Prints TAP. */
#define _GNU_SOURCE
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILES 12

struct file {
    const char *name, *text;
};

struct tcase {
    const char *name;
    struct file files[MAX_FILES]; /* files[0] is parsed */
    bool inline_text;             /* parse files[0].text as "<inline>" text */
    const char *error;            /* expected error, as a prefix; NULL: success */
    const char *want[10];         /* lines the rendered policy has */
    const char *unwanted[6];      /* prefixes no rendered line has */
    const char *warnings[6];      /* every warning, in order, as prefixes */
    int nrules;                   /* rules after resolution; 0: not checked */
};

#define ALLOW_ALL "[policy]\ndefault = allow\n[syscalls]\n"
#define KILL_ALL                                                                                   \
    "[policy]\ndefault = kill_process\n[syscalls]\nexit_group = allow\nrt_sigreturn = allow\n"

static const struct tcase cases[] = {
    /* ---- constants ---- */
    {"constant AF_UNIX",
     {{"a.ini", KILL_ALL "socket = allow if arg0 == AF_UNIX\n"}},
     .want = {"socket allow if arg0 == 0x1 [a.ini:6]"}},
    {"negative constant AT_FDCWD compares the low 32 bits",
     {{"a.ini", ALLOW_ALL "openat = errno(EACCES) if arg0 == AT_FDCWD\n"}},
     .want = {"openat errno(13) if arg0 & 0xffffffff == 0xffffff9c [a.ini:4]"},
     .warnings = {"a.ini:4: warning: openat is refused but open, openat2, creat are allowed",
                  "a.ini:4: warning: openat is restricted but io_uring_setup is allowed"}},
    {"negative number is the same as AT_FDCWD",
     {{"a.ini", KILL_ALL "fchdir = allow if arg0 == -100\n"}},
     .want = {"fchdir allow if arg0 & 0xffffffff == 0xffffff9c [a.ini:6]"}},
    {"constants combined with |",
     {{"a.ini", KILL_ALL "openat = allow if arg2 & O_WRONLY|O_CREAT|O_TRUNC == O_CREAT\n"}},
     .want = {"openat allow if arg2 & 0x241 == 0x40 [a.ini:6]"},
     .warnings = {"a.ini:6: warning: openat is allowed but openat2 gets the default action"}},
    {"constant and number combined",
     {{"a.ini", KILL_ALL "mmap = allow if arg2 == PROT_READ|0x2\n"}},
     .want = {"mmap allow if arg2 == 0x3 [a.ini:6]"}},
    {"64-bit clone flag",
     {{"a.ini", KILL_ALL "clone = allow if arg0 & CLONE_CLEAR_SIGHAND == 0\n"}},
     .want = {"clone allow if arg0 & 0x100000000 == 0 [a.ini:6]"},
     .warnings = {"a.ini:6: warning: clone is allowed but clone3 gets the default action"}},
    {"ioctl requests from the headers",
     {{"a.ini", KILL_ALL "ioctl = allow if arg1 == TCGETS\nioctl = allow if arg1 == TIOCGWINSZ\n"
                         "ioctl = allow if arg1 == FIONREAD\nioctl = allow if arg1 == FIONBIO\n"}},
     .want = {"ioctl allow if arg1 == 0x5401 [a.ini:6]", "ioctl allow if arg1 == 0x5413 [a.ini:7]",
              "ioctl allow if arg1 == 0x541b [a.ini:8]",
              "ioctl allow if arg1 == 0x5421 [a.ini:9]"}},
    {"errno, signal, prctl, futex, getrandom, memfd names",
     {{"a.ini", KILL_ALL "uname = errno(EROFS)\nkill = allow if arg1 == SIGKILL\n"
                         "prctl = allow if arg0 == PR_SET_NO_NEW_PRIVS\n"
                         "futex = allow if arg1 & FUTEX_CMD_MASK == FUTEX_WAIT\n"
                         "getrandom = allow if arg2 == GRND_NONBLOCK\n"
                         "memfd_create = allow if arg1 == MFD_CLOEXEC\n"}},
     .want = {"uname errno(30) [a.ini:6]", "kill allow if arg1 == 0x9 [a.ini:7]",
              "prctl allow if arg0 == 0x26 [a.ini:8]",
              "futex allow if arg1 & 0xfffffe7f == 0 [a.ini:9]",
              "getrandom allow if arg2 == 0x1 [a.ini:10]",
              "memfd_create allow if arg1 == 0x1 [a.ini:11]"}},
    {"sockets and protocols",
     {{"a.ini", KILL_ALL "socket = allow if arg0 == AF_INET6 && arg1 & SOCK_STREAM == SOCK_STREAM "
                         "&& arg2 == IPPROTO_TCP\n"}},
     .want = {"socket allow if arg0 == 0xa && arg1 & 0x1 == 0x1 && arg2 == 0x6 [a.ini:6]"}},
    {"unknown constant suggests the closest",
     {{"a.ini", KILL_ALL "socket = allow if arg0 == AF_UNXI\n"}},
     .error = "a.ini:6: socket: unknown constant (did you mean AF_UNIX?) at `AF_UNXI`"},
    {"unknown constant without suggestion",
     {{"a.ini", KILL_ALL "socket = allow if arg0 == NO_SUCH_THING_AT_ALL\n"}},
     .error = "a.ini:6: socket: unknown constant at `NO_SUCH_THING_AT_ALL`"},
    {"pointer macro SIG_DFL is no constant",
     {{"a.ini", KILL_ALL "rt_sigaction = allow if arg1 == SIG_DFL\n"}},
     .error = "a.ini:6: rt_sigaction: unknown constant"},
    {"call macro SIGRTMIN is no constant",
     {{"a.ini", KILL_ALL "kill = allow if arg1 == SIGRTMIN\n"}},
     .error = "a.ini:6: kill: unknown constant"},
    {"termios ECHO is no errno name",
     {{"a.ini", ALLOW_ALL "uname = errno(ECHO)\n"}},
     .error = "a.ini:4: uname: unknown constant"},
    {"negative value with |",
     {{"a.ini", KILL_ALL "fchdir = allow if arg0 == AT_FDCWD|1\n"}},
     .error = "a.ini:6: fchdir: negative values cannot be combined with `|`"},
    {"negative value with <",
     {{"a.ini", KILL_ALL "fchdir = allow if arg0 < AT_FDCWD\n"}},
     .error = "a.ini:6: fchdir: negative values can only be compared with `==`"},
    {"negative mask keeps the low 32 bits",
     {{"a.ini", KILL_ALL "futex = allow if arg1 & -385 == 0\n"}},
     .want = {"futex allow if arg1 & 0xfffffe7f == 0 [a.ini:6]"}},
    {"value outside the mask",
     {{"a.ini", KILL_ALL "openat = allow if arg2 & O_WRONLY == O_RDWR\n"}},
     .error = "a.ini:6: openat: value has bits outside the mask"},

    /* ---- groups ---- */
    {"group: single syscall replaces the group's rule",
     {{"a.ini", ALLOW_ALL "@privileged = errno(EPERM)\nchroot = allow\n"}},
     .want = {"chroot allow [a.ini:5]", "chown errno(1) [a.ini:4 @privileged]",
              "reboot errno(1) [a.ini:4 @privileged]"},
     .unwanted = {"chroot errno"}},
    {"group: order of the lines does not matter",
     {{"a.ini", ALLOW_ALL "chroot = allow\n@privileged = errno(EPERM)\n"}},
     .want = {"chroot allow [a.ini:4]", "chown errno(1) [a.ini:5 @privileged]"},
     .unwanted = {"chroot errno"}},
    {"group membership: @clock",
     {{"a.ini", ALLOW_ALL "@clock = errno(EPERM)\n"}},
     .want = {"settimeofday errno(1) [a.ini:4 @clock]", "clock_settime errno(1) [a.ini:4 @clock]",
              "adjtimex errno(1) [a.ini:4 @clock]", "clock_adjtime errno(1) [a.ini:4 @clock]"},
     .unwanted = {"clock_gettime", "getpid", "?"},
     .nrules = 4},
    {"group contains groups: @system-service has @default's brk",
     {{"a.ini", KILL_ALL "@system-service = allow\n"}},
     .want = {"brk allow [a.ini:6 @system-service]", "openat allow [a.ini:6 @system-service]",
              "exit_group allow [a.ini:4]"},
     .unwanted = {"reboot", "swapon"}},
    {"group @sandbox (systemd 254)",
     {{"a.ini", ALLOW_ALL "@sandbox = errno(EPERM)\n"}},
     .want = {"seccomp errno(1) [a.ini:4 @sandbox]",
              "landlock_create_ruleset errno(1) [a.ini:4 @sandbox]"},
     .nrules = 4},
    {"group members x86_64 lacks are skipped",
     {{"a.ini", KILL_ALL "@default = allow\n"}},
     .want = {"getpid allow [a.ini:6 @default]"},
     .unwanted = {"?"}},
    {"group rule with conditions",
     {{"a.ini", ALLOW_ALL "@chown = errno(EPERM) if arg1 == 0\n"}},
     /* as written: the filter compares the low 32 bits (harden.c, 24-int-args.t) */
     .want = {"chown errno(1) if arg1 == 0 [a.ini:4 @chown]",
              "fchown errno(1) if arg1 == 0 [a.ini:4 @chown]"}},
    {"unknown group suggests the closest",
     {{"a.ini", ALLOW_ALL "@privilegd = errno(EPERM)\n"}},
     .error = "a.ini:4: unknown syscall group `@privilegd` (did you mean @privileged?)"},
    {"unknown group",
     {{"a.ini", ALLOW_ALL "@nothing-like-this = errno(EPERM)\n"}},
     .error = "a.ini:4: unknown syscall group `@nothing-like-this`"},
    {"two groups disagreeing on a syscall is a conflict",
     {{"a.ini", ALLOW_ALL "@chown = errno(EACCES)\n@privileged = errno(EPERM)\n"}},
     .error = "a.ini:5: chown = errno(1) (from @privileged) conflicts with chown = errno(13) (from "
              "@chown) at a.ini:4"},
    {"two groups agreeing on a syscall",
     {{"a.ini", ALLOW_ALL "@chown = errno(EPERM)\n@privileged = errno(EPERM)\n"}},
     .want = {"chown errno(1) [a.ini:4 @chown]", "chown errno(1) [a.ini:5 @privileged]"}},

    /* ---- includes ---- */
    {"include: the including file's settings override",
     {{"top.ini", "[policy]\ninclude = base.ini\ndefault = allow\n[syscalls]\nuname = allow\n"},
      {"base.ini", "[policy]\ndefault = kill\nexplain = yes\n[syscalls]\nuname = errno(EPERM)\n"
                   "getpid = errno(EPERM)\n"}},
     .want = {"default allow explain", "uname allow [top.ini:5]", "getpid errno(1) [base.ini:6]"},
     .unwanted = {"uname errno"}},
    {"include: order of the lines does not matter",
     {{"top.ini", "[policy]\ndefault = allow\n[syscalls]\nuname = allow\n[policy]\ninclude = "
                  "base.ini\n"},
      {"base.ini", "[policy]\ndefault = kill\n[syscalls]\nuname = errno(EPERM)\n"}},
     .want = {"default allow", "uname allow [top.ini:4]"},
     .unwanted = {"uname errno"}},
    {"include: settings the includer leaves alone come from the included file",
     {{"top.ini", "[policy]\ninclude = base.ini\n[syscalls]\nuname = errno(EPERM)\n"},
      {"base.ini", "[policy]\ndefault = kill\n[syscalls]\nexit_group = allow\n"
                   "rt_sigreturn = allow\n"}},
     .want = {"default kill_process", "uname errno(1) [top.ini:4]",
              "exit_group allow [base.ini:4]"}},
    {"include: a rule replaces all included rules for its syscall, conditional ones too",
     {{"top.ini", "[policy]\ninclude = base.ini\n[syscalls]\nsocket = errno(EACCES)\n"},
      {"base.ini", ALLOW_ALL "socket = allow if arg0 == AF_UNIX\nsocket = errno(EPERM) if arg0 == "
                             "AF_INET\n"}},
     .want = {"socket errno(13) [top.ini:4]"},
     .warnings = {"top.ini:4: warning: socket is restricted but io_uring_setup is allowed"},
     .nrules = 1},
    {"include: an included single rule does not beat the includer's group",
     {{"top.ini", "[policy]\ninclude = base.ini\n[syscalls]\n@privileged = errno(EPERM)\n"},
      {"base.ini", ALLOW_ALL "chroot = allow\n"}},
     .want = {"chroot errno(1) [top.ini:4 @privileged]"},
     .unwanted = {"chroot allow"}},
    {"include: two included files are combined",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n"},
      {"a.ini", ALLOW_ALL "socket = errno(EACCES) if arg0 == AF_INET\n"},
      {"b.ini", ALLOW_ALL "socket = errno(EACCES) if arg0 == AF_INET6\n"}},
     .want = {"socket errno(13) if arg0 == 0x2 [a.ini:4]",
              "socket errno(13) if arg0 == 0xa [b.ini:4]"},
     .warnings = {"a.ini:4: warning: socket is restricted but io_uring_setup is allowed"}},
    {"include: two included files that set a setting differently is an error",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n"},
      {"a.ini", "[policy]\ndefault = errno(EPERM)\nlog = yes\n"},
      {"b.ini", "[policy]\ndefault = allow\n"}},
     .error = "top.ini:3: included files disagree on default (a.ini and b.ini): set default in "
              "this file"},
    {"include: two included files that set landlock differently is an error",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n"},
      {"a.ini", "[policy]\ndefault = allow\nlandlock = best-effort\n"},
      {"b.ini", "[policy]\ndefault = allow\nlandlock = required\n"}},
     .error = "top.ini:3: included files disagree on landlock (a.ini and b.ini): set landlock in "
              "this file"},
    {"include: ... settled by the including file",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\nlandlock = required\n"},
      {"a.ini", "[policy]\ndefault = allow\nlandlock = best-effort\n"},
      {"b.ini", "[policy]\ndefault = allow\nlandlock = required\n"}},
     .want = {"default allow"}},
    {"include: a clash through a wrapper file is found too",
     {{"top.ini", "[policy]\ninclude = wrap.ini\ninclude = b.ini\n"},
      {"wrap.ini", "[policy]\ninclude = a.ini\n"},
      {"a.ini", "[policy]\ndefault = errno(EPERM)\n"},
      {"b.ini", "[policy]\ndefault = allow\n"}},
     .error = "top.ini:3: included files disagree on default (a.ini and b.ini): set default in "
              "this file"},
    {"include: a clash settled below does not hide one above",
     {{"top.ini", "[policy]\ninclude = mid.ini\ninclude = c.ini\n"},
      {"mid.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\ndefault = kill\n"},
      {"a.ini", "[policy]\ndefault = errno(EPERM)\n"},
      {"b.ini", "[policy]\ndefault = allow\n"},
      {"c.ini", "[policy]\ndefault = allow\n"}},
     .error = "top.ini:3: included files disagree on default (mid.ini and c.ini): set default in "
              "this file"},
    {"include: ... settled by the including file, whatever the order of its lines",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\ndefault = kill\n"},
      {"a.ini", "[policy]\ndefault = errno(EPERM)\nlog = yes\n"},
      {"b.ini", "[policy]\ndefault = allow\n"}},
     .want = {"default kill_process log"},
     .warnings = {"top.ini:4: warning: allowlist without exit_group",
                  "top.ini:4: warning: allowlist without rt_sigreturn"}},
    {"include: two included files that agree on a setting",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n"},
      {"a.ini", "[policy]\ndefault = allow\nlog = yes\n"},
      {"b.ini", "[policy]\ndefault = allow\n"}},
     .want = {"default allow log"}},
    {"include: two included files that disagree is a conflict",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n"},
      {"a.ini", ALLOW_ALL "uname = errno(EPERM)\n"},
      {"b.ini", ALLOW_ALL "uname = kill\n"}},
     .error = "b.ini:4: uname = kill_process conflicts with uname = errno(1) at a.ini:4"},
    {"include: ... unless the includer decides",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n[syscalls]\nuname = allow\n"},
      {"a.ini", ALLOW_ALL "uname = errno(EPERM)\n"},
      {"b.ini", ALLOW_ALL "uname = kill\n"}},
     .want = {"uname allow [top.ini:5]"},
     .nrules = 1},
    {"include: diamond",
     {{"top.ini", "[policy]\ninclude = a.ini\ninclude = b.ini\n"},
      {"a.ini", "[policy]\ninclude = common.ini\n"},
      {"b.ini", "[policy]\ninclude = common.ini\n"},
      {"common.ini", ALLOW_ALL "uname = errno(EPERM)\n"}},
     .want = {"uname errno(1) [common.ini:4]"}},
    {"include: relative to the including file's folder",
     {{"top.ini", "[policy]\ninclude = sub/mid.ini\n"},
      {"sub/mid.ini", "[policy]\ninclude = leaf.ini\n"},
      {"sub/leaf.ini", ALLOW_ALL "uname = errno(EPERM)\n"}},
     .want = {"uname errno(1) [sub/leaf.ini:4]"}},
    {"include: errors name the included file",
     {{"top.ini", "[policy]\ninclude = sub/mid.ini\n"},
      {"sub/mid.ini", ALLOW_ALL "\nunamee = allow\n"}},
     .error = "sub/mid.ini:5: unknown syscall `unamee` (did you mean uname?)"},
    {"include: missing file names the include line",
     {{"top.ini", "[policy]\ndefault = allow\ninclude = nope.ini\n"}},
     .error = "top.ini:3: cannot include nope.ini: No such file or directory"},
    {"include: empty name",
     {{"top.ini", "[policy]\ninclude =\n"}},
     .error = "top.ini:2: include needs a file name"},
    {"include: a cycle names the chain",
     {{"a.ini", "[policy]\ndefault = allow\ninclude = b.ini\n"},
      {"b.ini", "[policy]\ninclude = c.ini\n"},
      {"c.ini", "[policy]\n\ninclude = a.ini\n"}},
     .error = "c.ini:3: include cycle: a.ini -> b.ini -> c.ini -> a.ini"},
    {"include: a file including itself",
     {{"a.ini", "[policy]\ninclude = ./a.ini\n"}},
     .error = "a.ini:2: include cycle: a.ini -> ./a.ini"},
    {"include: 8 levels deep is fine",
     {{"f0.ini", "[policy]\ninclude = f1.ini\n"},
      {"f1.ini", "[policy]\ninclude = f2.ini\n"},
      {"f2.ini", "[policy]\ninclude = f3.ini\n"},
      {"f3.ini", "[policy]\ninclude = f4.ini\n"},
      {"f4.ini", "[policy]\ninclude = f5.ini\n"},
      {"f5.ini", "[policy]\ninclude = f6.ini\n"},
      {"f6.ini", "[policy]\ninclude = f7.ini\n"},
      {"f7.ini", "[policy]\ninclude = f8.ini\n"},
      {"f8.ini", ALLOW_ALL "uname = errno(EPERM)\n"}},
     .want = {"uname errno(1) [f8.ini:4]"}},
    {"include: 9 levels deep is an error naming the chain",
     {{"f0.ini", "[policy]\ninclude = f1.ini\n"},
      {"f1.ini", "[policy]\ninclude = f2.ini\n"},
      {"f2.ini", "[policy]\ninclude = f3.ini\n"},
      {"f3.ini", "[policy]\ninclude = f4.ini\n"},
      {"f4.ini", "[policy]\ninclude = f5.ini\n"},
      {"f5.ini", "[policy]\ninclude = f6.ini\n"},
      {"f6.ini", "[policy]\ninclude = f7.ini\n"},
      {"f7.ini", "[policy]\ninclude = f8.ini\n"},
      {"f8.ini", "[policy]\ninclude = f9.ini\n"},
      {"f9.ini", ALLOW_ALL "uname = errno(EPERM)\n"}},
     .error = "f8.ini:2: includes nested deeper than 8: f0.ini -> f1.ini -> f2.ini -> f3.ini -> "
              "f4.ini -> f5.ini -> f6.ini -> f7.ini -> f8.ini -> f9.ini"},
    {"include: a setting twice in one file is still an error",
     {{"top.ini", "[policy]\ninclude = base.ini\ndefault = allow\ndefault = kill\n"},
      {"base.ini", "[policy]\ndefault = allow\n"}},
     .error = "top.ini:4: default is set twice (first at line 3)"},
    {"include: policy text includes relative to the current directory",
     {{"<inline>", "[policy]\ninclude = sub/leaf.ini\n"},
      {"sub/leaf.ini", ALLOW_ALL "uname = errno(EPERM)\n"}},
     .inline_text = true,
     .want = {"uname errno(1) [sub/leaf.ini:4]"}},
    {"include: only in [policy]",
     {{"a.ini", ALLOW_ALL "include = b.ini\n"}},
     .error = "a.ini:4: unknown syscall `include`"},

    /* ---- lines: what inih would skip or accept silently is an error ---- */
    {"syntax: text after a section header",
     {{"a.ini", "[policy]\ndefault = allow\n[syscalls] uname = kill_process\n"}},
     .error = "a.ini:3: text after [syscalls]: a section header stands alone on its line"},
    {"syntax: a setting after [policy]",
     {{"a.ini", "[policy] default = kill_process\n"}},
     .error = "a.ini:1: text after [policy]: a section header stands alone on its line"},
    {"syntax: a second ] after a section header",
     {{"a.ini", "[policy]]\ndefault = allow\n"}},
     .error = "a.ini:1: text after [policy]:"},
    {"syntax: `:` between name and value",
     {{"a.ini", "[policy]\ndefault: allow\n"}},
     .error = "a.ini:2: `:` between name and value: write `default = ...`"},
    {"syntax: `:` in a rule",
     {{"a.ini", ALLOW_ALL "uname: kill\n"}},
     .error = "a.ini:4: `:` between name and value: write `uname = ...`"},
    {"syntax: a byte-order mark",
     {{"a.ini", "\xef\xbb\xbf[policy]\ndefault = allow\n"}},
     .error = "a.ini:1: byte-order mark: save the file as UTF-8 without one"},
    {"syntax: a form feed before a rule",
     {{"a.ini", ALLOW_ALL "\funame = kill\n"}},
     .error = "a.ini:4: control character 0x0c"},
    {"syntax: a carriage return inside a line",
     {{"a.ini", ALLOW_ALL "uname = allow\rgetpid = kill\n"}},
     .error = "a.ini:4: control character 0x0d"},
    {"syntax: a name without `=`",
     {{"a.ini", ALLOW_ALL "uname\n"}},
     .error = "a.ini:4: expected `name = value`"},
    {"syntax: CRLF line ends are fine",
     {{"a.ini", "[policy]\r\ndefault = allow\r\n[syscalls]\r\nuname = kill\r\n"}},
     .want = {"uname kill_process [a.ini:4]"}},
    {"syntax: a section may come back",
     {{"a.ini",
       "[syscalls]\nuname = kill\n[policy]\ndefault = allow\n[syscalls]\ngetpid = kill\n"}},
     .want = {"default allow", "uname kill_process [a.ini:2]", "getpid kill_process [a.ini:6]"}},
    {"comment: `#` after a rule",
     {{"a.ini", ALLOW_ALL "uname = kill # no host name\n"}},
     .want = {"uname kill_process [a.ini:4]"}},
    {"comment: `;` after a rule, after a tab",
     {{"a.ini", ALLOW_ALL "uname = errno(EPERM)\t; no host name\n"}},
     .want = {"uname errno(1) [a.ini:4]"}},
    {"comment: after a condition",
     {{"a.ini", KILL_ALL "socket = allow if arg0 == AF_UNIX # local only; no # network\n"}},
     .want = {"socket allow if arg0 == 0x1 [a.ini:6]"}},
    {"comment: after section headers and settings",
     {{"a.ini", "[policy] ; settings\ndefault = kill # all\nexplain = yes ; tell\n"
                "[syscalls]\t# rules\nexit_group = allow\nrt_sigreturn = allow\n"}},
     .want = {"default kill_process explain", "exit_group allow [a.ini:5]"}},
    {"comment: after include",
     {{"top.ini", "[policy]\ninclude = base.ini # the base\n"},
      {"base.ini", ALLOW_ALL "uname = errno(EPERM)\n"}},
     .want = {"uname errno(1) [base.ini:4]"}},
    {"comment: indented comment lines",
     {{"a.ini", ALLOW_ALL "  # indented\n\t; indented\nuname = kill\n"}},
     .want = {"uname kill_process [a.ini:6]"}},
    {"multi-line: include list, each file from its own line",
     {{"top.ini", "[policy]\ninclude = b.ini\n  ; c next\n  c.ini\n"},
      {"b.ini", ALLOW_ALL "uname = errno(EPERM)\n"},
      {"c.ini", "[syscalls]\ngetpid = errno(EPERM)\n"}},
     .want = {"uname errno(1) [b.ini:4]", "getpid errno(1) [c.ini:2]"}},
    {"multi-line: an error in an included file of a continuation line",
     {{"top.ini", "[policy]\ninclude =\n  b.ini\n  c.ini\n"},
      {"b.ini", ALLOW_ALL},
      {"c.ini", "[syscalls]\ngetpid = sometimes\n"}},
     .error = "c.ini:2: getpid: "},
    {"multi-line: a key with no value and no list below",
     {{"top.ini", "[policy]\ninclude =\n\n  b.ini\n"}},
     .error = "top.ini:2: include needs a file name"},
    {"multi-line: a rule does not continue",
     {{"a.ini", ALLOW_ALL "uname = errno(EPERM)\n  kill\n"}},
     .error = "a.ini:5: `uname` takes one value"},
    {"multi-line: an indented rule is not a continuation",
     {{"a.ini", ALLOW_ALL "uname = errno(EPERM)\n\tgetpid = kill\n"}},
     .error = "a.ini:5: indented line with `=`"},
    {"comment: a value that is only a comment is empty",
     {{"a.ini", ALLOW_ALL "uname = # kill\n"}},
     .error = "a.ini:4: uname: expected an action"},
    {"comment: `#` inside a word is not a comment",
     {{"a.ini", ALLOW_ALL "uname = kill#c\n"}},
     .error = "a.ini:4: uname: "},
    {"comment: `;` inside a word is not a comment",
     {{"a.ini", ALLOW_ALL "uname = kill;c\n"}},
     .error = "a.ini:4: uname: "},
    {"comment: a commented-out `=` leaves a name alone",
     {{"a.ini", ALLOW_ALL "uname # = kill\n"}},
     .error = "a.ini:4: expected `name = value`"},

    /* ---- lint ---- */
    {"lint: part of the open family",
     {{"a.ini", ALLOW_ALL "openat = errno(EACCES)\nio_uring_setup = errno(ENOSYS)\n"}},
     .warnings = {"a.ini:4: warning: openat is refused but open, openat2, creat are allowed: a "
                  "deny-list must cover every syscall for opening files",
                  "a.ini:5: warning: io_uring_setup is refused but io_uring_enter, "
                  "io_uring_register are allowed"}},
    {"lint: the whole open family",
     {{"a.ini", ALLOW_ALL "open = errno(EROFS) if arg1 & O_WRONLY == O_WRONLY\n"
                          "openat = errno(EROFS) if arg2 & O_WRONLY == O_WRONLY\n"
                          "openat2 = errno(ENOSYS)\ncreat = errno(EROFS)\n"
                          "io_uring_setup = errno(ENOSYS)\nio_uring_enter = errno(ENOSYS)\n"
                          "io_uring_register = errno(ENOSYS)\n"}},
     .nrules = 0},
    {"lint: clone refused outright leaves fork and vfork",
     {{"a.ini", ALLOW_ALL "clone = errno(EPERM)\nclone3 = errno(ENOSYS)\n"}},
     .warnings = {"a.ini:4: warning: clone is refused but fork, vfork are allowed"}},
    {"lint: clone flags checked, clone3 falls back: fork has no flags",
     {{"a.ini", ALLOW_ALL "clone = errno(EPERM) if arg0 & CLONE_NEWUSER == CLONE_NEWUSER\n"
                          "clone3 = errno(ENOSYS)\n"}},
     .nrules = 0},
    {"lint: clone flags checked but clone3 allowed",
     {{"a.ini", ALLOW_ALL "clone = errno(EPERM) if arg0 & CLONE_NEWUSER == CLONE_NEWUSER\n"}},
     .warnings = {"a.ini:4: warning: clone is refused but clone3 is allowed"}},
    {"lint: allowlist checks clone's flags but allows clone3",
     {{"a.ini", KILL_ALL "clone = allow if arg0 == 0x1200011\nclone3 = allow\n"}},
     .warnings = {"a.ini:6: warning: clone has conditions but clone3 is allowed: clone3 bypasses "
                  "the conditions on clone (seccomp cannot read its flags); add clone3 = "
                  "errno(ENOSYS)"}},
    {"lint: allowlist checks clone's flags, clone3 falls back",
     {{"a.ini", KILL_ALL "clone = allow if arg0 == 0x1200011\nclone3 = errno(ENOSYS)\n"}},
     .nrules = 0},
    {"lint: clone's flags checked, clone3 allowed by the default",
     {{"a.ini", "[policy]\ndefault = log\n[syscalls]\nclone = allow if arg0 == 0x1200011\n"}},
     .warnings = {"a.ini:4: warning: clone has conditions but clone3 is allowed by the default "
                  "action"}},
    {"lint: execve without execveat",
     {{"a.ini", ALLOW_ALL "\n\nexecve = kill\n"}},
     .warnings = {"a.ini:6: warning: execve is refused but execveat is allowed"}},
    {"lint: part of io_uring",
     {{"a.ini", ALLOW_ALL "io_uring_enter = errno(ENOSYS)\n"}},
     .warnings = {"a.ini:4: warning: io_uring_enter is refused but io_uring_setup, "
                  "io_uring_register are allowed"}},
    {"lint: network restricted, io_uring allowed",
     {{"a.ini", ALLOW_ALL "socket = errno(EACCES) if arg0 != AF_UNIX\n"}},
     .warnings = {"a.ini:4: warning: socket is restricted but io_uring_setup is allowed"}},
    {"lint: clone3 refused with EPERM",
     {{"a.ini", KILL_ALL "clone = allow\nclone3 = errno(EPERM)\n"}},
     .warnings = {"a.ini:7: warning: clone3 refused with another error than ENOSYS"}},
    {"lint: openat2 killed",
     {{"a.ini", KILL_ALL "openat = allow\nopenat2 = kill\n"}},
     .warnings = {"a.ini:7: warning: openat2 refused with another error than ENOSYS"}},
    {"lint: clone3 with ENOSYS is right",
     {{"a.ini", KILL_ALL "clone = allow\nclone3 = errno(ENOSYS)\n"}},
     .nrules = 0},
    {"lint: allowlist allows clone, clone3 hits the default",
     {{"a.ini", KILL_ALL "clone = allow\n"}},
     .warnings = {"a.ini:6: warning: clone is allowed but clone3 gets the default action"}},
    {"lint: allowlist without exit_group and rt_sigreturn",
     {{"a.ini", "[policy]\ndefault = kill\n[syscalls]\nwrite = allow\n"}},
     .warnings = {"a.ini:2: warning: allowlist without exit_group",
                  "a.ini:2: warning: allowlist without rt_sigreturn"}},
    {"lint: kill_thread as a rule and as the default",
     {{"a.ini", "[policy]\ndefault = kill_thread\n[syscalls]\nexit_group = allow\n"
                "rt_sigreturn = allow\nuname = kill_thread\n"}},
     .warnings = {"a.ini:2: warning: kill_thread ends only the calling thread",
                  "a.ini:6: warning: kill_thread ends only the calling thread"}},
    {"lint: kill_thread on a group warns once",
     {{"a.ini", ALLOW_ALL "@clock = kill_thread\n"}},
     .warnings = {"a.ini:4: warning: kill_thread ends only the calling thread"}},
    {"lint: warnings name the included file",
     {{"top.ini", "[policy]\ninclude = base.ini\n"},
      {"base.ini", ALLOW_ALL "execveat = errno(EPERM)\n"}},
     .warnings = {"base.ini:4: warning: execveat is refused but execve is allowed"}},
};

/* The rules the files gave: not the engine's refusal of terminal input
 * (engine/tty.c, tested by tests/38-tiocsti.t). */
static size_t written_rules(const struct ss_policy *p)
{
    size_t n = 0;

    for (size_t i = 0; i < p->nrules; i++)
        n += !p->rules[i].builtin;
    return n;
}

/* One line per setting group and per rule: "uname errno(1) [a.ini:4 @grp]". */
static char *render(const struct ss_policy *p)
{
    char *out = NULL, act[64], cond[128];
    size_t size = 0;
    FILE *f = open_memstream(&out, &size);

    fprintf(f, "default %s%s%s\n", ss_action_format(p->default_action, act, sizeof act),
            p->explain ? " explain" : "", p->log ? " log" : "");
    for (size_t i = 0; i < p->nrules; i++) {
        const struct ss_rule *r = &p->rules[i];
        const char *name = ss_syscall_name_arch(p->arch, r->nr);
        fprintf(f, "%s %s", name ? name : "?", ss_action_format(r->action, act, sizeof act));
        for (unsigned c = 0; c < r->ncond; c++)
            fprintf(f, "%s%s", c ? " && " : " if ", ss_cond_format(&r->cond[c], cond, sizeof cond));
        fprintf(f, " [%s:%u%s%s]\n", r->where.file, r->where.line, r->group ? " " : "",
                r->group ? r->group : "");
    }
    fclose(f);
    return out;
}

static bool has_line(const char *text, const char *line, bool prefix)
{
    size_t n = strlen(line);

    for (const char *s = text; *s; s = strchr(s, '\n') + 1) {
        const char *end = strchr(s, '\n');
        if ((prefix || (size_t)(end - s) == n) && strncmp(s, line, n) == 0)
            return true;
    }
    return false;
}

static void write_file(const struct file *f)
{
    char dir[256], *slash;
    FILE *out;

    snprintf(dir, sizeof dir, "%s", f->name);
    if ((slash = strrchr(dir, '/'))) {
        *slash = 0;
        mkdir(dir, 0755);
    }
    out = fopen(f->name, "w");
    if (!out || fputs(f->text, out) < 0 || fclose(out)) {
        perror(f->name);
        exit(2);
    }
}

static int n_test;
static bool all_ok = true;

static void diag_lines(const char *label, const char *text)
{
    printf("#   %s:\n", label);
    for (const char *s = text; s && *s; s = strchr(s, '\n') + 1)
        printf("#     %.*s\n", (int)(strchr(s, '\n') - s), s);
}

static void run_case(const struct tcase *tc)
{
    char scratch[] = "/tmp/ss-parser-XXXXXX", msg[1200], *text = NULL, *warnings = NULL;
    struct ss_policy *p = ss_policy_new(ss_arch_native());
    struct ss_error err = {0};
    bool ok = true;
    size_t wsize = 0;
    int rc;

    if (!mkdtemp(scratch) || chdir(scratch)) {
        perror(scratch);
        exit(2);
    }
    for (size_t i = 0; i < MAX_FILES && tc->files[i].name; i++)
        if (!(tc->inline_text && i == 0))
            write_file(&tc->files[i]);
    rc = tc->inline_text ? ss_parse_text(p, tc->files[0].text, "<inline>", &err)
                         : ss_parse_file(p, tc->files[0].name, &err);
    ss_error_format(&err, msg, sizeof msg);

    if (tc->error) {
        ok = rc != 0 && strncmp(msg, tc->error, strlen(tc->error)) == 0;
        if (!ok)
            printf("# got: %s\n# expected: %s\n", rc ? msg : "(success)", tc->error);
    } else if (rc) {
        ok = false;
        printf("# unexpected error: %s\n", msg);
    } else {
        FILE *w = open_memstream(&warnings, &wsize);
        size_t nwant = 0;

        text = render(p);
        for (size_t i = 0; i < p->nwarnings; i++)
            fprintf(w, "%s:%u: warning: %s\n", p->warnings[i].where.file, p->warnings[i].where.line,
                    p->warnings[i].msg);
        fclose(w);
        for (size_t i = 0; i < 10 && tc->want[i]; i++)
            if (!has_line(text, tc->want[i], false)) {
                ok = false;
                printf("# missing: %s\n", tc->want[i]);
            }
        for (size_t i = 0; i < 6 && tc->unwanted[i]; i++) {
            char prefix[200];
            snprintf(prefix, sizeof prefix, "%s", tc->unwanted[i]);
            if (has_line(text, prefix, true)) {
                ok = false;
                printf("# unwanted: %s\n", tc->unwanted[i]);
            }
        }
        if (tc->nrules && (size_t)tc->nrules != written_rules(p)) {
            ok = false;
            printf("# %zu rules, expected %d\n", written_rules(p), tc->nrules);
        }
        while (nwant < 6 && tc->warnings[nwant])
            nwant++;
        if (nwant != p->nwarnings)
            ok = false;
        for (size_t i = 0; i < nwant && i < p->nwarnings; i++) {
            const char *line = warnings;
            for (size_t k = 0; k < i; k++)
                line = strchr(line, '\n') + 1;
            if (strncmp(line, tc->warnings[i], strlen(tc->warnings[i])) != 0)
                ok = false;
        }
        if (!ok) {
            diag_lines("policy", text);
            diag_lines("warnings", warnings);
        }
    }
    printf("%s %d - %s\n", ok ? "ok" : "not ok", ++n_test, tc->name);
    all_ok &= ok;
    free(text);
    free(warnings);
    ss_policy_free(p);
    if (chdir("/tmp") == 0) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
        if (system(cmd) != 0)
            printf("# could not remove %s\n", scratch);
    }
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
    printf("1..%d\n", n_test);
    return all_ok ? 0 : 1;
}
