/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seccomp-shim run: check a policy, then exec a program under it, through
 * the LD_PRELOAD shim or (--direct) with the filter installed here first. */
#define _GNU_SOURCE
#include "cli.h"
#include "learn.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
    "Usage: seccomp-shim run (-p FILE... | -i TEXT) [--landlock MODE] [-q]\n"
    "                        [--explain | --complain] [--direct] [--keep-session]\n"
    "                        -- CMD [ARGS...]\n"
    "Check a policy, then run CMD (found through PATH) under it.\n"
    "\n"
    "  -p, --policy FILE  the policy file (INI, or compiled by seccomp-shim compile),\n"
    "                     or a policy name (seccomp-shim list); several -p apply\n"
    "                     them all, as a policy that includes each in turn would\n"
    "  -i, --ini TEXT     the policy as text (not with -p)\n"
    "      --landlock required|best-effort\n"
    "                     the policy's `landlock` setting for this run (with -p)\n"
    "      --explain      report a killed syscall on stderr before dying by SIGSYS,\n"
    "                     and (through the shim) each access the policy's Landlock\n"
    "                     sections refuse, with the line that would allow it\n"
    "      --complain     run CMD letting every syscall through, and report on stderr\n"
    "                     each call the policy would have refused (once per syscall and\n"
    "                     rule, with its count), then the lines that would allow them\n"
    "                     (judged from where the shim installs the policy; with\n"
    "                     --direct from the exec of CMD). CMD is NOT sandboxed\n"
    "      --direct       install the filter in seccomp-shim itself and then exec CMD\n"
    "                     (for static, 32-bit, setuid and file-capability programs; the\n"
    "                     policy must allow execve and what the dynamic loader does)\n"
    "      --keep-session run CMD in this session even when a standard stream is a\n"
    "                     terminal (by default it gets a session of its own, so that it\n"
    "                     can push no input into the terminal); for programs that open\n"
    "                     /dev/tty or need job control\n"
    "  -q, --quiet        do not print the policy's lint warnings (they would go to\n"
    "                     the same stderr as CMD's)\n"
    "  -h, --help         show this help\n"
    "\n"
    "-p - reads the policy as INI text from standard input and passes it on as -i\n"
    "does (includes relative to the current directory); CMD gets what is left of\n"
    "standard input: nothing, for a pipe.\n"
    "\n"
    "Without --direct, CMD is run with the shim in LD_PRELOAD. Programs LD_PRELOAD\n"
    "cannot reach (statically linked, another ELF class or machine, set-user-ID,\n"
    "set-group-ID, file capabilities; #! scripts are judged by their interpreter)\n"
    "are refused rather than run unsandboxed.\n"
    "\n"
    "Exit status: CMD's status; 125 when the policy is invalid, 126 when CMD is\n"
    "refused or cannot be executed, 127 when CMD is not found, 2 on usage errors.\n";

/* -p -: the policy text read from standard input (then run as -i TEXT). */
static char *stdin_text;
/* -p A -p B, --landlock: the policy text that includes them (run as -i TEXT). */
static char *composed;

/* Static: 32 KiB, and the filter must outlive everything else we free. */
static struct ss_program program;
/* The policy's Landlock part, for --direct (inactive when it has none), and
 * a compiled policy's own rules. */
static struct ss_landlock_plan landlock;
static bool compiled; /* the policy file is a compiled one */

static int exec_failed(const char *path)
{
    int saved = errno;

    cli_error("cannot execute %s: %s", path, strerror(saved));
    return cli_exec_status(saved);
}

static int set_env(const char *name, const char *value)
{
    if ((value ? setenv(name, value, 1) : unsetenv(name)) == 0)
        return 0;
    cli_error("cannot set %s: %s", name, strerror(errno));
    return -1;
}

/* A new session for CMD when it shares a terminal with us, as bwrap
 * --new-session gives: the kernel lets a program without CAP_SYS_ADMIN push
 * input (TIOCSTI) only into its controlling terminal, and CMD then has none.
 * The filter refuses TIOCSTI too; this holds under `tty_inject = allow` and
 * for calls the filter cannot see. A process-group leader (a shell's job)
 * cannot call setsid: CMD runs in a child, before any filter is installed;
 * we pass on the signals the terminal sends us and end as CMD ends. */
static pid_t child;

static void pass_on(int sig)
{
    int saved = errno;

    if (sig == SIGTSTP) { /* CMD's group is orphaned: the kernel drops its SIGTSTP */
        kill(child, SIGSTOP);
        raise(SIGSTOP);
    } else {
        kill(child, sig);
    }
    errno = saved;
}

/* 0 in CMD's process (the child, or this one off a terminal); does not
 * return in the parent. */
static int new_session(void)
{
    static const int signals[] = {SIGINT,  SIGQUIT, SIGTERM, SIGHUP, SIGWINCH,
                                  SIGCONT, SIGTSTP, SIGUSR1, SIGUSR2};
    struct sigaction sa = {.sa_handler = pass_on, .sa_flags = SA_RESTART};
    sigset_t all, old;
    int status;

    if (!isatty(STDIN_FILENO) && !isatty(STDOUT_FILENO) && !isatty(STDERR_FILENO))
        return 0;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old); /* no handler before child is set */
    child = fork();
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (setsid() < 0) {
            cli_error("setsid: %s; --keep-session runs CMD in this session", strerror(errno));
            _exit(SS_EXIT_REFUSE);
        }
        return 0;
    }
    if (child < 0) {
        cli_error("fork: %s", strerror(errno));
        return SS_EXIT_REFUSE;
    }
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        sigaction(signals[i], &sa, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR) {
            cli_error("waitpid: %s", strerror(errno));
            exit(SS_EXIT_REFUSE);
        }
    exit(learn_end_like(status));
}

/* The shim after what the user preloads already; the policy variable. */
static int preload_environment(const char *file, const char *text, int explain)
{
    const char *user = getenv("LD_PRELOAD");
    char shim[PATH_MAX], policy[PATH_MAX], *preload;
    int rc;

    if (cli_shim_path(shim, sizeof shim)) {
        cli_error("cannot find libseccomp-shim.so (beside the command or in " SS_LIBDIR
                  "); refusing to run unsandboxed");
        return -1;
    }
    /* The loader splits LD_PRELOAD at spaces and colons: such a path would
     * name files that do not exist, and the loader would only warn. */
    if (strpbrk(shim, " :\t")) {
        cli_error("the shim's path %s contains a space or colon, which LD_PRELOAD cannot "
                  "express; refusing to run unsandboxed",
                  shim);
        return -1;
    }
    if (cli_check_shim(shim))
        return -1;
    if (file && !realpath(file, policy)) {
        cli_error("%s: %s", file, strerror(errno));
        return -1;
    }
    /* Last in the list: ld.so runs preloaded objects' constructors from the
     * last to the first, so the filter is in place before any of the user's
     * preloads runs code. */
    if (asprintf(&preload, "%s%s%s", user ? user : "", user && *user ? ":" : "", shim) < 0) {
        cli_error("out of memory");
        return -1;
    }
    rc = set_env("LD_PRELOAD", preload);
    free(preload);
    if (rc || set_env(SS_ENV_POLICY, file ? policy : NULL) ||
        set_env(SS_ENV_INI, file ? NULL : text) || set_env(SS_ENV_EXPLAIN, explain ? "1" : NULL) ||
        set_env(SS_ENV_ACTIVE, NULL)) /* only the shim vouches for a filter */
        return -1;
    return 0;
}

static int run_direct(const struct ss_compiled_info *info, const char *path, char **argv,
                      int keep_session)
{
    /* After execve the report handler is gone, but the guard still keeps the
     * program from catching or ignoring the trapped kill. */
    struct ss_install_plan plan = {.mode = info->mode,
                                   .prog = &program,
                                   .filter_flags = info->filter_flags,
                                   .explain = info->explain,
                                   .landlock = &landlock};
    struct ss_error err;
    int rc = keep_session ? 0 : new_session();

    if (rc)
        return rc;
    if (ss_install(&plan, &err)) {
        cli_print_error(&err);
        return SS_EXIT_POLICY;
    }
    unsetenv(SS_ENV_ACTIVE); /* only the shim vouches for a filter */
    execv(path, argv);
    return exec_failed(path);
}

/* The policy as the shim will see it, checked (and compiled, for --direct)
 * here so that its errors come before anything runs. A compiled policy
 * (`seccomp-shim compile`) is validated the way the shim loads it. */
static int prepare(const char *file, const char *text, int explain, int direct, int quiet,
                   struct ss_compiled_info *info)
{
    struct ss_policy *p;
    struct ss_error err;
    int rc = file ? ss_compiled_load(file, ss_arch_native(), &program, &landlock, info, &err) : 1;

    compiled = rc == 0;

    /* --direct: no shim and no policy file for the children to load (the
     * loader's grant only). Through the shim, the shim adds its own. */
    if (rc == 0 && direct)
        rc = ss_landlock_plan_implicit(&landlock, NULL, NULL, "", 0, &err);
    if (rc == 0 && explain && !info->explain)
        rc = ss_fail(&err, (struct ss_where){file, 0},
                     "--explain: this compiled policy was compiled without explain; compile it "
                     "from a policy with `explain = yes`");
    if (rc == 1) {
        p = stdin_text ? cli_parse_policy_text(ss_arch_native(), text, CLI_STDIN_NAME)
                       : cli_load_policy(ss_arch_native(), file, text);
        if (!p)
            return SS_EXIT_POLICY;
        if (!quiet)
            cli_print_warnings(p);
        rc = explain ? ss_policy_enable_explain(p, &err) : 0;
        if (rc == 0 && p->mode == SS_MODE_FILTER)
            rc = ss_compile(p, &program, &err);
        /* --direct: no shim and no policy file for the children to load. */
        if (rc == 0 && direct)
            rc = ss_landlock_plan_build(p, NULL, NULL, &landlock, &err);
        info->mode = p->mode;
        info->explain = p->explain;
        info->filter_flags = ss_policy_filter_flags(p);
        ss_policy_free(p);
    }
    if (rc == 0 && info->mode == SS_MODE_STRICT && direct)
        rc = ss_fail(&err, (struct ss_where){file ? file : SS_INLINE_NAME, 0},
                     "strict mode allows no execve: --direct cannot start a program under it");
    if (rc) {
        cli_print_error(&err);
        return SS_EXIT_POLICY;
    }
    return 0;
}

/* The Landlock plan as the shim will apply it (p's rules, or a compiled
 * policy's, already in landlock; then the implicit grants for this shim and
 * policy file), or with --direct as run_direct applies it: 0, or an exit
 * status after printing why. */
static int shim_plan(const struct ss_policy *p, const char *file, bool direct)
{
    char shim[PATH_MAX], real[PATH_MAX];
    struct ss_error err;
    int rc;

    if (!direct && (cli_shim_path(shim, sizeof shim) || (file && !realpath(file, real)))) {
        cli_error("cannot find the shim or the policy again: %s", strerror(errno));
        return SS_EXIT_REFUSE;
    }
    if (direct)
        rc = p ? ss_landlock_plan_build(p, NULL, NULL, &landlock, &err) : 0;
    else if (p)
        rc = ss_landlock_plan_build(p, shim, file ? real : NULL, &landlock, &err);
    else
        rc = ss_landlock_plan_implicit(&landlock, shim, real, "", 0, &err);
    if (rc)
        cli_print_error(&err);
    return rc ? SS_EXIT_POLICY : 0;
}

/* Explain through the shim: CMD supervised by run_explain, which judges by
 * the plan and names the policy's lines when it has them (not compiled). */
static int explain_run(const char *file, const char *text, const char *path, char **cmd)
{
    struct ss_policy *p = NULL;
    int rc;

    if (!compiled) {
        p = stdin_text ? cli_parse_policy_text(ss_arch_native(), text, CLI_STDIN_NAME)
                       : cli_load_policy(ss_arch_native(), file, text);
        if (!p)
            return SS_EXIT_POLICY;
    }
    rc = shim_plan(p, file, false);
    if (rc == 0)
        rc = run_explain(&landlock, p, path, cmd);
    ss_policy_free(p);
    return rc;
}

/* --complain: the model of the policy prepare() checked judges every call. */
static int complain_run(const char *file, const char *text, bool direct, char **cmd)
{
    struct ss_policy *p = stdin_text ? cli_parse_policy_text(ss_arch_native(), text, CLI_STDIN_NAME)
                                     : cli_load_policy(ss_arch_native(), file, text);
    int rc;

    if (!p) {
        if (file)
            cli_error(
                "--complain needs the INI policy (a compiled one keeps no rules to judge by)");
        return SS_EXIT_POLICY;
    }
    rc = shim_plan(p, file, direct);
    if (rc == 0)
        rc = run_complain(p, &landlock, direct, cmd);
    ss_policy_free(p);
    return rc;
}

/* The -p arguments (several: composed into policy text). */
#define MAX_POLICIES 16

/* `-p A -p B` and --landlock: policy text including each file in turn, as a
 * policy file would, then the setting: the same errors for conflicts, and
 * an identity children recognise (SECCOMP_SHIM_INI). NULL after printing. */
static char *compose(const char *const *args, size_t n, const char *landlock)
{
    char *text, *more, found[4096], real[PATH_MAX];
    const char *file;

    if (!(text = strdup("[policy]\n")))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(args[i], "-") == 0) {
            cli_error("-p -: standard input cannot go with another -p or --landlock; include "
                      "the files from it");
            goto fail;
        }
        if (!(file = cli_policy_arg(args[i], found, sizeof found, NULL)))
            goto fail;
        if (!realpath(file, real)) {
            cli_error("%s: %s", file, strerror(errno));
            goto fail;
        }
        /* An include line ends at a comment sign after a blank. */
        if (strpbrk(real, "\n") || strstr(real, " ;") || strstr(real, " #") ||
            strstr(real, "\t;") || strstr(real, "\t#")) {
            cli_error("%s: this path cannot be written in an include line; rename it", real);
            goto fail;
        }
        if (asprintf(&more, "%sinclude = %s\n", text, real) < 0)
            goto oom;
        free(text);
        text = more;
    }
    if (landlock) {
        if (asprintf(&more, "%slandlock = %s\n", text, landlock) < 0)
            goto oom;
        free(text);
        text = more;
    }
    return text;
oom:
    cli_error("out of memory");
fail:
    free(text);
    return NULL;
}

int cmd_run(int argc, char **argv)
{
    static char found[4096]; /* a policy name: the file it names */
    enum { OPT_EXPLAIN = 256, OPT_DIRECT, OPT_COMPLAIN, OPT_KEEP_SESSION, OPT_LANDLOCK };
    static const struct option options[] = {{"policy", required_argument, NULL, 'p'},
                                            {"ini", required_argument, NULL, 'i'},
                                            {"explain", no_argument, NULL, OPT_EXPLAIN},
                                            {"direct", no_argument, NULL, OPT_DIRECT},
                                            {"complain", no_argument, NULL, OPT_COMPLAIN},
                                            {"keep-session", no_argument, NULL, OPT_KEEP_SESSION},
                                            {"landlock", required_argument, NULL, OPT_LANDLOCK},
                                            {"quiet", no_argument, NULL, 'q'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    const char *file = NULL, *text = NULL, *files[MAX_POLICIES], *landlock = NULL;
    size_t nfiles = 0;
    int quiet = 0, explain = 0, direct = 0, complain = 0, keep_session = 0, c, rc, err;
    char path[PATH_MAX], why[PATH_MAX + 512];
    struct ss_compiled_info info;

    while ((c = getopt_long(argc, argv, "+:p:i:qh", options, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (nfiles == MAX_POLICIES)
                return cli_usage_error("run", "more than %d -p", MAX_POLICIES);
            files[nfiles++] = file = optarg;
            break;
        case 'i':
            /* The last one winning would drop a policy without a word. */
            if (text)
                return cli_usage_error("run", "-i given twice: one policy text per run "
                                              "(include the others from one policy file)");
            text = optarg;
            break;
        case OPT_LANDLOCK:
            if (strcmp(optarg, "required") && strcmp(optarg, "best-effort"))
                return cli_usage_error("run", "--landlock takes required or best-effort, not '%s'",
                                       optarg);
            landlock = optarg;
            break;
        case OPT_EXPLAIN:
            explain = 1;
            break;
        case OPT_DIRECT:
            direct = 1;
            break;
        case OPT_COMPLAIN:
            complain = 1;
            break;
        case OPT_KEEP_SESSION:
            keep_session = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            return cli_option_error("run", c, argv);
        }
    }
    if (!file == !text)
        return cli_usage_error("run", "give -p FILE (one or more) or -i TEXT, not both");
    if (landlock && text)
        return cli_usage_error("run", "--landlock goes with -p; in -i TEXT set `landlock =`");
    if (optind == argc)
        return cli_usage_error("run", "no command given");
    if (complain && explain)
        return cli_usage_error("run",
                               "--complain and --explain: complain kills nothing to explain");

    if (nfiles > 1 || landlock) {
        if (!(composed = compose(files, nfiles, landlock)))
            return SS_EXIT_POLICY;
        text = composed;
        file = NULL;
    }
    if (file && strcmp(file, "-") == 0) {
        if (!(stdin_text = cli_read_stdin_policy()))
            return SS_EXIT_POLICY;
        text = stdin_text;
        file = NULL;
    }
    if (file && !(file = cli_policy_arg(file, found, sizeof found, NULL)))
        return SS_EXIT_POLICY;
    rc = prepare(file, text, explain, direct, quiet, &info);
    if (rc)
        return rc;
    if (complain)
        return complain_run(file, text, direct, argv + optind);
    if (cli_resolve_command(argv[optind], path, sizeof path, &err))
        return cli_exec_status(err);
    if (direct)
        return run_direct(&info, path, argv + optind, keep_session);

    if (cli_inspect_target(path, why, sizeof why)) {
        cli_error("refusing to run %s: %s, so it would run unsandboxed; --direct installs "
                  "the filter before exec instead",
                  argv[optind], why);
        return SS_EXIT_REFUSE;
    }
    if (preload_environment(file, text, explain))
        return SS_EXIT_REFUSE;
    if (!keep_session && (rc = new_session()))
        return rc;
    if (explain || info.explain)
        return explain_run(file, text, path, argv + optind);
    execv(path, argv + optind);
    return exec_failed(path);
}
