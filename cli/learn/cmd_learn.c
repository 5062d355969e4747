/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim learn [-o FILE] [--default ACTION] [--direct] [--tight] [--exact]
 *                    [--filesystem] [--network] [--append POLICY] [--no-scan] -- CMD ...:
 * run CMD and write the policy it needs (generalize.c: with the siblings of
 * the calls seen, unless --exact; scan_learn.c: with what the binary can
 * call, unless --no-scan; learn_append.c: added to POLICY;
 * learn_paths.c: the paths and TCP ports for [filesystem] and [network]).
 *
 * We are the seccomp user-notification supervisor (not a ptrace tracer, so
 * debuggers still work on CMD): learn_spawn() starts CMD under a filter that
 * notifies every syscall, and each notification is counted and answered with
 * SECCOMP_USER_NOTIF_FLAG_CONTINUE, so the call runs as if nothing watched
 * (except the shim's marker, which we answer ourselves: seccomp-shim-contract.h).
 * Threads, forks and exec'd programs inherit the filter, so the one listener
 * sees every descendant; it reports POLLHUP once no process uses the filter.
 *
 * Modes: with --direct the recording starts at the exec of CMD (what a filter
 * installed by the launcher sees); by default it starts where the shim would
 * install its policy, marked by the shim itself (include/seccomp-shim-contract.h). */
#define _GNU_SOURCE
#include "learn.h"
#include "scan.h"
#include "seccomp-shim-bpf.h"

#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <linux/audit.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char usage[] =
    "Usage: seccomp-shim learn [-o FILE] [--default ACTION] [--direct] [--tight] [--exact]\n"
    "                          [--filesystem] [--network] [--append POLICY] [--no-scan]\n"
    "                          -- CMD [ARGS...]\n"
    "Run CMD and write the policy that allows every syscall CMD and all its\n"
    "descendants (threads, forks, exec'd programs) make, one `NAME = allow` line\n"
    "per syscall with how often it was seen, and (unless --exact) their close\n"
    "relatives, so that CMD on another input is not killed for doing the same\n"
    "thing another way (`fstat = allow ; generalized from newfstatat`), and what\n"
    "CMD's binary and libraries can call (seccomp-shim scan), each line saying so\n"
    "(`sethostname = allow ; from the binary (libc.so.6: sethostname)`); never a\n"
    "mount, namespace, ptrace, module, bpf or keyring call the run did not make.\n"
    "CMD runs as it would without learning: same input, output, exit status and\n"
    "signals.\n"
    "\n"
    "  -o, --output FILE      write the policy to FILE (default: standard output,\n"
    "                         after CMD ended)\n"
    "  -d, --default ACTION   the action for every other syscall (default: kill_process)\n"
    "      --direct           record from the exec of CMD, dynamic loader included: the\n"
    "                         policy for `seccomp-shim run --direct` (default: record\n"
    "                         from where the shim installs its policy, for `run`)\n"
    "      --tight            also record the argument that says what socket (arg0,\n"
    "                         domain), ioctl (arg1, request), prctl (arg0), fcntl (arg1,\n"
    "                         command), clone (arg0, flags) and personality (arg0) did,\n"
    "                         and allow only the values seen; clone3, whose flags no\n"
    "                         filter can read, gets errno(ENOSYS) and its flags are\n"
    "                         allowed on clone, where glibc falls back\n"
    "      --exact            allow only the syscalls seen: no relatives, nothing\n"
    "                         from the binary (implies --no-scan)\n"
    "      --no-scan          allow only what the run showed (and its relatives): do\n"
    "                         not read CMD's binary for what else it can call\n"
    "      --filesystem       also write [filesystem] (Landlock): the files CMD read,\n"
    "                         wrote, made and executed, collapsed into folders\n"
    "                         (never / or $HOME whole); needs Landlock ABI 5 to run\n"
    "      --network          also write [network] (Landlock): the TCP ports CMD\n"
    "                         connected to and bound; needs Landlock ABI 4 to run\n"
    "  -a, --append POLICY    add to POLICY (an allowlist) the lines for what this run\n"
    "                         needed that POLICY does not name, in a marked block at\n"
    "                         its end; the rest of the file is kept as it is; a call\n"
    "                         POLICY allows only for other argument values gets a line\n"
    "                         for its values. Writes POLICY unless -o names another file\n"
    "  -h, --help             show this help\n"
    "\n"
    "At the end learn prints one line on stderr: the syscalls seen, the lines\n"
    "written and the time.\n"
    "Exit status: CMD's; when CMD died by a signal, learn dies by the same signal\n"
    "after writing the policy. 125 when learn itself failed (nothing could be\n"
    "learned or written; no policy written), 2 usage error, 126 CMD cannot be run,\n"
    "127 CMD not found.\n";

struct learner {
    struct tally t;
    bool started; /* recording: always with --direct, after the shim's marker otherwise */
    bool marked;  /* shim mode: the marker's token is valid */
    uint64_t token;
    unsigned long long markers;
    bool oom;
    struct learn_fs fs;          /* --filesystem, --network */
    struct learn_append *append; /* --append: the policy the calls are judged by */
};

static volatile pid_t forward_to;

static void forward(int sig)
{
    if (forward_to > 0)
        kill(forward_to, sig);
}

/* The flags glibc passes to clone when the clone3 call req fails with ENOSYS
 * (tally_clone3_flags), read from the caller's struct clone_args. 1 with
 * *value set; 0 when the call has no clone equivalent (flags only clone3
 * has, or arguments clone3 itself refuses); -1 when it cannot be read. */
static int clone3_as_clone(int listener, const struct seccomp_notif *req, uint64_t *value)
{
    uint64_t head[5]; /* flags, pidfd, child_tid, parent_tid, exit_signal */
    struct iovec local = {head, sizeof head},
                 remote = {(void *)(uintptr_t)req->data.args[0], sizeof head};

    if (req->data.args[1] < CLONE_ARGS_SIZE_VER0)
        return 0;
    if (process_vm_readv(req->pid, &local, 1, &remote, 1, 0) != sizeof head)
        return -1;
    /* The pid may have been reused while we read: only a live request counts. */
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req->id))
        return -1;
    return tally_clone3_flags(head[0], head[4], value);
}

/* With --tight, bit N set when argument N of nr is recorded. */
static unsigned tight_arg(const struct tally *t, int nr)
{
    int arg = tally_arg(t, nr);

    return arg < 0 ? 0 : 1u << arg;
}

/* Records one call; true when it was the shim's marker, which we answer
 * ourselves (seccomp-shim-contract.h) instead of letting it run. */
static bool record(struct learner *l, int listener, const struct seccomp_notif *req)
{
    const struct seccomp_data *d = &req->data;

    if (l->marked && d->arch == SS_AUDIT_ARCH_NATIVE && d->nr == SS_LEARN_MARK_NR &&
        d->args[0] == l->token && d->args[1] == ~l->token) {
        l->started = true; /* the shim's own call: not the program's */
        l->markers++;
        return true;
    }
    if (!l->started)
        return false;
    if (d->arch != SS_AUDIT_ARCH_NATIVE || d->nr < 0)
        l->t.foreign++;
    else if (tally_add(&l->t, d->nr, (const uint64_t *)d->args))
        l->oom = true;
    if ((l->fs.files || l->fs.network) && learn_fs_record(&l->fs, listener, req))
        l->oom = true;
    if (l->append && append_judge(l->append, d, tight_arg(&l->t, d->nr)))
        l->oom = true;
    if (d->arch == SS_AUDIT_ARCH_NATIVE && d->nr == SYS_clone3) {
        uint64_t flags;
        int rc = clone3_as_clone(listener, req, &flags);
        if (rc < 0)
            l->t.clone3_unread++;
        else if (rc > 0 && tally_add_clone3(&l->t, flags))
            l->oom = true;
        /* Under the policy glibc falls back to clone with these flags. */
        struct seccomp_data as_clone = {.nr = SYS_clone, .arch = d->arch, .args = {flags}};
        if (rc > 0 && l->append && append_clone3_falls_back(l->append) &&
            append_judge(l->append, &as_clone, tight_arg(&l->t, SYS_clone)))
            l->oom = true;
    }
    return false;
}

/* learn_supervise's answer: the shim's marker is answered here, every other
 * call continues. */
static void learn_answer(void *ctx, int listener, const struct seccomp_notif *req,
                         struct seccomp_notif_resp *resp)
{
    struct learner *l = ctx;

    if (record(l, listener, req)) {
        resp->flags = 0;
        resp->val = ss_learn_answer(l->token);
    }
}

static int write_policy(struct cli_output *out, struct learner *l, struct policy_options *o,
                        const struct learn_append *append, bool direct, struct policy_stats *st)
{
    int rc;

    o->note = direct ? "Recorded from the exec of the command. Use with: seccomp-shim run --direct"
                     : "Recorded from where the shim installs its policy. Use with: seccomp-shim "
                       "run";
    rc = append ? append_write(append, out->f, &l->t, o, st) : policy_write(out->f, &l->t, o, st);
    return cli_output_close(out, rc == 0);
}

/* The line learn ends with: what it saw, what it wrote, how long it took. */
static void summary(const struct tally *t, const struct policy_stats *st, const char *output,
                    bool append, const struct timespec *start)
{
    struct timespec now;
    unsigned long long calls = 0;
    char generalized[64] = "";

    clock_gettime(CLOCK_MONOTONIC, &now);
    for (int nr = 0; nr < SS_SYSCALL_SLOTS; nr++)
        calls += t->count[nr];
    if (st->generalized || st->scanned)
        snprintf(generalized, sizeof generalized, " (%u generalized, %u from the binary)",
                 st->generalized, st->scanned);
    cli_error("learned %u syscall%s from %llu call%s; %u line%s%s %s %s; %.2f s", st->seen,
              st->seen == 1 ? "" : "s", calls, calls == 1 ? "" : "s", st->lines,
              st->lines == 1 ? "" : "s", generalized, append ? "added to" : "written to",
              output ? output : "standard output",
              (double)(now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9);
}

static int learn(struct learner *l, struct policy_options *po, bool direct, bool tight,
                 const char *output, char **cmd, struct learn_append *append,
                 struct policy_stats *st);

/* --filesystem: the exec of CMD is exempt from notification (learn_spawn.c),
 * so CMD and, with --direct (Landlock applies before that exec), the loader
 * the kernel opens for it are added here. -1 when out of memory. */
#ifdef __aarch64__
#define LEARN_LOADER "/lib/ld-linux-aarch64.so.1"
#else
#define LEARN_LOADER "/lib64/ld-linux-x86-64.so.2"
#endif

static int record_program(struct learn_fs *fs, const char *cmd, bool direct)
{
    char found[PATH_MAX], cwd[PATH_MAX], path[2 * PATH_MAX + 2];
    int err;

    if (!fs->files || cli_resolve_command(cmd, found, sizeof found, &err))
        return 0; /* learn_spawn says why */
    if (found[0] == '/')
        snprintf(path, sizeof path, "%s", found);
    else if (getcwd(cwd, sizeof cwd))
        snprintf(path, sizeof path, "%s/%s", cwd, found);
    else
        return 0;
    if (learn_fs_add_path(fs, path, LFS_EXEC))
        return -1;
    return direct ? learn_fs_add_path(fs, LEARN_LOADER, LFS_EXEC) : 0;
}

/* What the binary of cmd can call, for the policy beside what the run
 * shows. -1 when it cannot be read (said why): the policy is then the run's
 * alone, narrower, never wider. A static program is left to the run: its
 * whole libc is its own code, which no import narrows. */
static int learn_scan(const char *cmd, struct scan_result *r)
{
    char path[PATH_MAX];
    struct elf_file e;
    char why[200];
    bool dynamic;

    if (cli_find_program(cmd, path, sizeof path, &(int){0}))
        return -1; /* learn_spawn says why */
    if (elf_open(&e, path, why, sizeof why) == 0) {
        dynamic = e.interp != NULL;
        elf_close(&e);
        if (!dynamic) {
            cli_error("warning: %s is a static program: the policy allows what the run showed, "
                      "nothing from the binary",
                      path);
            return -1;
        }
    }
    if (scan_command(cmd, r, path, sizeof path)) {
        cli_error("warning: cannot read %s: the policy allows what the run showed, nothing "
                  "from the binary (seccomp-shim scan)",
                  cmd);
        return -1;
    }
    return 0;
}

int cmd_learn(int argc, char **argv)
{
    enum { OPT_DIRECT = 256, OPT_TIGHT, OPT_EXACT, OPT_FILESYSTEM, OPT_NETWORK, OPT_NO_SCAN };
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"default", required_argument, NULL, 'd'},
                                            {"direct", no_argument, NULL, OPT_DIRECT},
                                            {"tight", no_argument, NULL, OPT_TIGHT},
                                            {"exact", no_argument, NULL, OPT_EXACT},
                                            {"append", required_argument, NULL, 'a'},
                                            {"filesystem", no_argument, NULL, OPT_FILESYSTEM},
                                            {"network", no_argument, NULL, OPT_NETWORK},
                                            {"no-scan", no_argument, NULL, OPT_NO_SCAN},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    struct policy_options po = {.def = {SS_ACT_KILL_PROCESS, 0}, .argc = argc, .argv = argv};
    struct policy_stats st;
    struct learn_append append;
    struct timespec start;
    const char *output = NULL, *append_to = NULL;
    bool direct = false, tight = false, has_default = false, files = false, network = false;
    bool scan = true;
    struct scan_result scanned;
    struct learner l = {0};
    char why[400];
    int c, rc;

    clock_gettime(CLOCK_MONOTONIC, &start);
    while ((c = getopt_long(argc, argv, "+:o:d:a:h", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = strcmp(optarg, "-") ? optarg : NULL;
            break;
        case 'd':
            if (ss_parse_action(ss_arch_native(), optarg, &po.def, why, sizeof why))
                return cli_usage_error("learn", "--default: %s", why);
            has_default = true;
            break;
        case 'a':
            append_to = optarg;
            break;
        case OPT_EXACT:
            po.exact = true;
            break;
        case OPT_DIRECT:
            direct = true;
            break;
        case OPT_TIGHT:
            tight = true;
            break;
        case OPT_FILESYSTEM:
            files = true;
            break;
        case OPT_NETWORK:
            network = true;
            break;
        case OPT_NO_SCAN:
            scan = false;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("learn", c, argv);
        }
    }
    if (optind == argc)
        return cli_usage_error("learn", "no command given (seccomp-shim learn -- CMD [ARGS...])");
    if (append_to && has_default)
        return cli_usage_error("learn", "--append keeps the policy's default: drop --default");
    if (append_to && (files || network))
        return cli_usage_error("learn", "--append adds [syscalls] lines only: drop --filesystem "
                                        "and --network");
    if (learn_kernel_check())
        return SS_EXIT_POLICY;
    if (scan && !po.exact && learn_scan(argv[optind], &scanned) == 0)
        po.scan = &scanned;
    learn_fs_init(&l.fs, files, network);
    if (append_to) {
        if (append_open(&append, append_to))
            return SS_EXIT_POLICY;
        po.def = append.def;
        append.tight = tight;
        if (!output)
            output = append_to;
    }
    rc = learn(&l, &po, direct, tight, output, argv + optind, append_to ? &append : NULL, &st);
    if (append_to)
        append_free(&append);
    if (po.scan)
        scan_result_free(&scanned);
    learn_fs_free(&l.fs);
    if (rc < 0)
        return rc == -1 ? SS_EXIT_POLICY : -rc;
    summary(&l.t, &st, output, append_to != NULL, &start);
    tally_free(&l.t);
    return learn_end_like(rc);
}

/* Runs argv under the learning filter and writes what it saw to output.
 * CMD's wait status, or -1 when learn failed (after saying why; nothing
 * written), or minus the status of a CMD that could not be started. l->t
 * is left for the summary (freed on failure). */
static int learn(struct learner *l, struct policy_options *po, bool direct, bool tight,
                 const char *output, char **cmd, struct learn_append *append,
                 struct policy_stats *st)
{
    struct learn_child child = {0};
    struct sigaction sa = {0};
    char shim[4096], cwd[PATH_MAX];
    char **env = environ;
    struct cli_output out;
    int rc, wstatus = 0;

    tally_init(&l->t, tight);
    l->append = append;
    if (direct) {
        l->started = true;
        /* The exec of CMD runs under the filter but is exempt from notification
         * (learn_spawn.c); `run --direct` makes it with execve. */
        tally_add(&l->t, SYS_execve, NULL);
    } else {
        if (cli_shim_path(shim, sizeof shim)) {
            cli_error("cannot find libseccomp-shim.so beside the command or in its library folder");
            return -1;
        }
        if (getrandom(&l->token, sizeof l->token, 0) != sizeof l->token) {
            cli_error("getrandom: %s", strerror(errno));
            return -1;
        }
        l->marked = true;
        env = learn_shim_environment(shim, l->token);
        if (!env) {
            cli_error("out of memory");
            return -1;
        }
    }
    /* Fail before running anything when the policy cannot be written. */
    if (cli_output_open(&out, output)) {
        if (env != environ)
            learn_free_shim_environment(env);
        return -1;
    }

    if (record_program(&l->fs, cmd[0], direct)) {
        cli_error("out of memory");
        cli_output_close(&out, false);
        if (env != environ)
            learn_free_shim_environment(env);
        return -1;
    }
    rc = learn_spawn(cmd, env, &child);
    if (env != environ)
        learn_free_shim_environment(env);
    if (rc) {
        cli_output_close(&out, false);
        tally_free(&l->t);
        return child.exec_err ? -cli_exec_status(child.exec_err) : -1;
    }
    /* Like a shell waiting for a foreground job: ^C and ^\ are for CMD (they
     * reach it from the terminal), and we still write what was learned. */
    forward_to = child.pid;
    sa.sa_handler = SIG_IGN;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = forward;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    rc = learn_supervise(&child, learn_answer, l, &wstatus);
    close(child.listener);
    forward_to = 0;
    if (rc == 0 && l->oom) {
        cli_error("out of memory while recording");
        rc = -1;
    }
    if (rc == 0 && !l->started) {
        cli_error("the shim never started in %s (a static or setuid program, or one whose loader "
                  "ignored LD_PRELOAD): nothing learned; try --direct",
                  cmd[0]);
        rc = -1;
    }
    if (rc) {
        cli_output_close(&out, false);
        cli_error("no policy written");
        tally_free(&l->t);
        return -1;
    }
    if (l->t.clone3_unread && l->t.tight) /* otherwise clone has no flag but CLONE_NEW* checked */
        cli_error("warning: could not read the flags of %llu clone3 call%s: the policy "
                  "refuses clone3 with ENOSYS and allows only the clone flags seen, so %s may "
                  "be killed where glibc falls back to clone",
                  l->t.clone3_unread, l->t.clone3_unread == 1 ? "" : "s", cmd[0]);
    if (l->t.foreign)
        cli_error("warning: %s made %llu call%s of syscalls outside x86_64's 0..%d (i386, x32 "
                  "or invalid numbers): no policy can allow them",
                  cmd[0], l->t.foreign, l->t.foreign == 1 ? "" : "s", SS_SYSCALL_SLOTS - 1);
    if (l->fs.files || l->fs.network) {
        po->fs = &l->fs;
        po->fs_options.cwd = getcwd(cwd, sizeof cwd);
        po->fs_options.home = getenv("HOME");
        po->fs_options.protect = output;
        po->fs_options.shim = direct ? NULL : shim;
    }
    if (write_policy(&out, l, po, append, direct, st)) {
        tally_free(&l->t);
        return -1;
    }
    return wstatus;
}
