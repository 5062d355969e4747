# SPDX-License-Identifier: LGPL-2.1-or-later
"""Runs the examples of README.md and docs/*.md marked as runnable, for
tests/97-doc-examples.t. The marker, on its own line before a ```sh block:

    <!-- runnable -->             the block must exit 0
    <!-- runnable status=159 -->  the block must end with status 159

The block runs in `bash -e -o pipefail`, so every command before the last must
succeed. An expected output may follow: `<!-- output -->` on its own line,
then a fenced block of any kind holding what the block prints (standard
output and error together); a line `...` stands for any number of lines,
and `...` within a line for any text.
Blocks of one document run in order in one working directory, which holds a
copy of conf/, tests/data and build/ (the build tree), with build/ first on
PATH and a copy of conf/ as the user's policy folder ($XDG_CONFIG_HOME), so
that `seccomp-shim run -p deny-uname` finds what an installed command finds,
and the rest of PATH a Debian user's.

Usage: doc-examples.py ROOT BUILD TMP DOC...; prints one line per example:
"ok<TAB>WHERE" or "not ok<TAB>WHERE<TAB>why".
"""
import os, re, shutil, subprocess, sys

MARK = re.compile(r'^<!-- runnable(?: status=(\d+))? -->$')


def examples(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        m = MARK.match(lines[i])
        if not m:
            if lines[i].startswith('<!-- runnable') or lines[i] == '<!-- output -->':
                yield (i + 1, None, 0, None, 'a marker without its block: ' + lines[i])
            i += 1
            continue
        where, status = i + 1, int(m.group(1) or 0)
        i += 1
        if i >= len(lines) or lines[i] != '```sh':
            yield (where, None, status, None, 'the marker is not followed by a ```sh block')
            continue
        body, i = fenced(lines, i)
        expected = None
        j = i
        while j < len(lines) and lines[j] == '':
            j += 1
        if j < len(lines) and lines[j] == '<!-- output -->':
            expected, i = fenced(lines, j + 1)
        yield (where, body, status, expected, None)


def fenced(lines, i):
    """The lines of the fenced block opening at lines[i], and the index after it."""
    if i >= len(lines) or not lines[i].startswith('```'):
        return [], i
    j = i + 1
    while j < len(lines) and lines[j] != '```':
        j += 1
    return lines[i + 1:j], j + 1


def line_matches(got, want):
    """One line; `...` in want stands for any text."""
    return re.fullmatch('.*'.join(map(re.escape, want.split('...'))), got) is not None


def matches(got, want):
    """got (lines) against want (lines, a line `...` any number of lines)."""
    if not want:
        return not got
    if want[0] == '...':
        return any(matches(got[k:], want[1:]) for k in range(len(got) + 1))
    return bool(got) and line_matches(got[0], want[0]) and matches(got[1:], want[1:])


def workdir(root, build, tmp, name):
    d = os.path.join(tmp, 'run', name)
    os.makedirs(os.path.join(d, 'tests'))
    shutil.copytree(os.path.join(root, 'conf'), os.path.join(d, 'conf'))
    os.symlink(os.path.join(root, 'tests', 'data'), os.path.join(d, 'tests', 'data'))
    os.symlink(build, os.path.join(d, 'build'))
    return d


def main(root, build, tmp, docs):
    config = os.path.join(tmp, 'config')
    shutil.copytree(os.path.join(root, 'conf'), os.path.join(config, 'seccomp-shim'))
    home = os.path.join(tmp, 'home')
    os.makedirs(home)
    # A reader's Debian PATH, not the one CI's machine has: there python3 is
    # pyenv's shim, a bash script that runs some 40 processes before Python,
    # and a policy learned from it is a policy for pyenv, not for python3.
    env = dict(os.environ, PATH=build + ':/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
               XDG_CONFIG_HOME=config, HOME=home, LC_ALL='C')
    for k in ('SECCOMP_SHIM_POLICY', 'SECCOMP_SHIM_INI', 'SECCOMP_SHIM_ACTIVE',
              'SECCOMP_SHIM_WARNINGS', 'LD_PRELOAD'):
        env.pop(k, None)
    for doc in docs:
        rel = os.path.relpath(doc, root)
        d = None
        for where, body, status, expected, error in examples(doc):
            name = f'{rel}:{where}'
            if error:
                print(f'not ok\t{name}\t{error}')
                continue
            d = d or workdir(root, build, tmp, rel.replace('/', '_'))
            script = os.path.join(tmp, 'example.sh')
            with open(script, 'w') as f:
                f.write('\n'.join(body) + '\n')
            try:
                p = subprocess.run(['timeout', '120', 'bash', '-e', '-o', 'pipefail', script],
                                   cwd=d, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            except OSError as e:
                print(f'not ok\t{name}\t{e}')
                continue
            out = p.stdout.decode('utf-8', 'replace').split('\n')
            if out and out[-1] == '':
                out.pop()
            # bash's own notice of a child killed by a signal
            out = [l for l in out if not re.match(r'^\S+: line \d+: +\d+ [A-Z]', l)]
            why = None
            if p.returncode != status:
                why = f'status {p.returncode}, not {status}'
            elif expected is not None and not matches(out, expected):
                why = 'output differs'
            if why:
                shown = ' | '.join(out[-15:])
                print(f'not ok\t{name}\t{why}; output: {shown}')
            else:
                print(f'ok\t{name}')


main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
