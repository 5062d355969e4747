/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What [network] refuses besides Landlock's port rules (issue 20). Landlock's
 * TCP rights check bind() and connect() on IPPROTO_TCP sockets only, so a
 * policy with [network] also refuses, whatever its [syscalls] say:
 *
 *  - TCP that Landlock does not see: socket(AF_INET or AF_INET6, SOCK_STREAM
 *    with any flags, a protocol other than 0 and IPPROTO_TCP) -- MPTCP
 *    connects to TCP listeners -- and every AF_SMC socket (SMC falls back to
 *    TCP); EPROTONOSUPPORT, what a kernel without them answers, so programs
 *    fall back to TCP;
 *  - when no bind port is granted, listen(): on an unbound socket the kernel
 *    binds an ephemeral port without a bind() to check; EACCES, Landlock's
 *    answer to a bind. Not where the rules already refuse every TCP socket
 *    (no-network.ini: socket for AF_UNIX only): there is then no TCP socket
 *    to listen on, and a UNIX-socket server keeps working.
 *
 * The kernel reads these arguments as 32-bit ints: only the low halves are
 * compared. The model (eval.c) asks ss_net_guard; the compiler puts the same
 * test in front of the program (ss_net_guard_emit); verify.c holds one to
 * the other. */
#include "internal.h"
#include "seccomp-shim-bpf.h"
#include "seccomp-shim-contract.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#ifndef AF_SMC
#define AF_SMC 43
#endif
#define SOCK_TYPE_MASK 0xf         /* the kernel's: type | SOCK_NONBLOCK | SOCK_CLOEXEC */
#define INET_EITHER    0xfffffff7u /* AF_INET (2) and AF_INET6 (10) differ in bit 3 only */
_Static_assert((AF_INET & INET_EITHER) == (AF_INET6 & INET_EITHER), "AF_INET, AF_INET6");

static const struct ss_action refuse_socket = {SS_ACT_ERRNO, EPROTONOSUPPORT};
static const struct ss_action refuse_listen = {SS_ACT_ERRNO, EACCES};

/* Whether p's rules refuse socket(AF_INET or AF_INET6, SOCK_STREAM with any
 * flags, 0 or IPPROTO_TCP): every TCP socket the kernel would create (other
 * protocols are the socket guard's; upper halves, the hardening's). */
static bool rules_refuse_tcp(const struct ss_policy *p, int socket_nr)
{
    static const uint64_t families[] = {AF_INET, AF_INET6}, protocols[] = {0, IPPROTO_TCP},
                          types[] = {SOCK_STREAM, SOCK_STREAM | SOCK_NONBLOCK,
                                     SOCK_STREAM | SOCK_CLOEXEC,
                                     SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC};

    for (size_t f = 0; f < 2; f++)
        for (size_t t = 0; t < 4; t++)
            for (size_t k = 0; k < 2; k++) {
                struct seccomp_data d = {.nr = socket_nr,
                                         .arch = ss_arch_audit(p->arch),
                                         .args = {families[f], types[t], protocols[k]}};
                struct ss_verdict v;

                ss_policy_eval(p, &d, &v);
                if (v.action.kind == SS_ACT_ALLOW || v.action.kind == SS_ACT_LOG ||
                    v.action.kind == SS_ACT_TRACE)
                    return false;
            }
    return true;
}

/* Fills p's guard when [network] is present: after the parse, in the target's numbers. */
void ss_net_guard_init(struct ss_policy *p)
{
    struct ss_landlock *l = &p->landlock;
    bool bind = false;

    l->guard_socket = l->guard_listen = false;
    if (p->mode != SS_MODE_FILTER || !l->network)
        return;
    for (size_t i = 0; i < l->nports; i++)
        bind |= (l->ports[i].access & SS_LL_NET_BIND_TCP) != 0;
    l->socket_nr = ss_syscall_lookup_arch(p->arch, "socket", NULL, NULL);
    l->listen_nr = ss_syscall_lookup_arch(p->arch, "listen", NULL, NULL);
    l->guard_socket = l->socket_nr >= 0;
    l->guard_listen =
        !bind && l->listen_nr >= 0 && !(l->socket_nr >= 0 && rules_refuse_tcp(p, l->socket_nr));
}

static bool unseen_tcp(const struct seccomp_data *d)
{
    uint32_t family = (uint32_t)d->args[0], type = (uint32_t)d->args[1];
    uint32_t proto = (uint32_t)d->args[2];

    return family == AF_SMC ||
           ((family & INET_EITHER) == AF_INET && (type & SOCK_TYPE_MASK) == SOCK_STREAM &&
            proto != 0 && proto != IPPROTO_TCP);
}

bool ss_net_guard(const struct ss_policy *p, const struct seccomp_data *d, struct ss_action *a)
{
    const struct ss_landlock *l = &p->landlock;

    if (l->guard_socket && d->nr == l->socket_nr && unseen_tcp(d)) {
        *a = refuse_socket;
        return true;
    }
    if (l->guard_listen && d->nr == l->listen_nr) {
        *a = refuse_listen;
        return true;
    }
    return false;
}

size_t ss_net_guard_values(const struct ss_policy *p, int nr, unsigned arg, uint64_t *out)
{
    static const uint64_t values[3][4] = {
        {AF_INET, AF_INET6, AF_SMC, AF_UNIX},
        {SOCK_STREAM, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, SOCK_DGRAM, SOCK_RAW},
        {0, IPPROTO_TCP, 262 /* IPPROTO_MPTCP */, IPPROTO_UDP},
    };

    if (!p->landlock.guard_socket || nr != p->landlock.socket_nr || arg > 2)
        return 0;
    memcpy(out, values[arg], sizeof values[arg]);
    return 4;
}

int ss_net_guard_emit(const struct ss_policy *p, struct ss_program *prog)
{
    const struct ss_landlock *l = &p->landlock;
    /* 0 ld arch; 1 jeq ARCH; 2 ld nr; 3 jeq socket; 4 ld arg0; 5 jeq AF_SMC;
     * 6 and; 7 jeq AF_INET; 8 ld arg1; 9 and; 10 jeq SOCK_STREAM; 11 ld arg2;
     * 12 jeq 0; 13 jeq IPPROTO_TCP; 14 ret (socket); 15 jeq listen; 16 ret
     * (listen); 17: the program. A part not asked for is jumped over. */
    enum { L_LISTEN = 15, L_REFUSE = 14, L_RET_LISTEN = 16, L_OUT = 17 };
    struct sock_filter guard[L_OUT] = {
        SS_LD_ARCH,
        SS_JEQ(ss_arch_audit(p->arch), 0, SS_TO(L_OUT, 1)),
        SS_LD_NR,
        SS_JEQ((uint32_t)l->socket_nr, 0, SS_TO(L_LISTEN, 3)),
        SS_LD_ARG_LO(0),
        SS_JEQ(AF_SMC, SS_TO(L_REFUSE, 5), 0),
        SS_AND(INET_EITHER),
        SS_JEQ(AF_INET, 0, SS_TO(L_OUT, 7)),
        SS_LD_ARG_LO(1),
        SS_AND(SOCK_TYPE_MASK),
        SS_JEQ(SOCK_STREAM, 0, SS_TO(L_OUT, 10)),
        SS_LD_ARG_LO(2),
        SS_JEQ(0, SS_TO(L_OUT, 12), 0),
        SS_JEQ(IPPROTO_TCP, SS_TO(L_OUT, 13), 0),
        SS_RET(ss_action_ret(p, refuse_socket)),
        SS_JEQ((uint32_t)l->listen_nr, 0, SS_TO(L_OUT, 15)),
        SS_RET(ss_action_ret(p, refuse_listen)),
    };

    if (!l->guard_socket && !l->guard_listen)
        return 0;
    if (!l->guard_socket)
        guard[3] = (struct sock_filter)SS_JA(SS_TO(L_LISTEN, 3));
    if (!l->guard_listen)
        guard[15] = (struct sock_filter)SS_JA(SS_TO(L_OUT, 15));
    if (prog->len + L_OUT > SS_POLICY_INSNS_MAX)
        return -1;
    memmove(prog->insns + L_OUT, prog->insns, prog->len * sizeof prog->insns[0]);
    memcpy(prog->insns, guard, sizeof guard);
    prog->len += L_OUT;
    return 0;
}

int ss_net_guard_pfc(const struct ss_policy *p, int fd)
{
    const struct ss_landlock *l = &p->landlock;

    if (!l->guard_socket && !l->guard_listen)
        return 0;
    return dprintf(fd,
                   "#\n# In front of this program, for [network] (%s:%u; Landlock checks TCP "
                   "only):\n%s%s",
                   l->network_where.file ? l->network_where.file : "?", l->network_where.line,
                   l->guard_socket ? "#   socket(AF_SMC, ...), and socket(AF_INET or AF_INET6, "
                                     "SOCK_STREAM, protocol\n#   other than 0 and IPPROTO_TCP): "
                                     "ERRNO(EPROTONOSUPPORT)\n"
                                   : "",
                   l->guard_listen ? "#   listen (no bind port granted): ERRNO(EACCES)\n" : "") < 0
               ? -1
               : 0;
}
