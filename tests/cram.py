#!/usr/bin/env python3
"""Transcript tests for the shell and the commands (a small cram).

A test file (tests/cmd/*.t, tests/sh/*.t) is a transcript: prose, and
commands indented by two spaces with the output they must print.

    Sorting numbers:

      $ printf '10\\n9\\n' | sort -n
      9
      10
      $ sort -q
      sort: invalid option -- 'q'
      usage: sort [-nr] [FILE]... (re)
      [2]

  "  $ "   starts a command; "  > " continues it (a here-document, a loop)
  "  ..."  any other indented line: the next expected line of output
           (stdout and stderr together, in order). A line ending " (re)"
           is a Python regular expression the whole line must match; one
           ending " (no-eol)" is the last output of a command that did not
           end it with a newline.
  "  [N]"  the command's exit status must be N (else it must be 0)
  other    prose, ignored

All the commands of one file run in one shell, in order, in a fresh
temporary directory (the cwd and HOME); variables and files carry over
from one command to the next. The shell runs the file as a script with
stdin from /dev/null and PATH set to the given directories only, so a
command missing from them fails instead of silently using the host's.

Usage: cram.py [--shell SH] [--path DIR]... [-v] FILE.t...
Prints "PASS file" or "FAIL file" and a diff for each file; exit 1 if any
failed. Importable: run_file(path, shell, path_dirs) -> (ok, diff, output);
for a run elsewhere (inside Kestrel: tests/run.py's shell job),
parse(path) -> cases, script_of(cases) -> the script to run with the
shell, check(cases, output) -> (ok, diff).
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile

SALT = "CRAM5a1t"
TIMEOUT = 120


def parse(path):
    """[(line_no, command_text, [expected lines], status)] of a .t file."""
    cases = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cur = None
    for no, ln in enumerate(lines, 1):
        if ln.startswith("  $ "):
            cur = [no, ln[4:], [], 0]
            cases.append(cur)
        elif ln.startswith("  > ") or ln == "  >":
            if cur is None or cur[2]:
                raise ValueError("%s:%d: continuation without a command" % (path, no))
            cur[1] += "\n" + ln[4:]
        elif ln.startswith("  ") and cur is not None:
            m = re.fullmatch(r"  \[(\d+)\]", ln)
            if m:
                cur[3] = int(m.group(1))
            else:
                cur[2].append(ln[2:])
        else:
            cur = None
    return cases


def script_of(cases):
    out = []
    for i, (_, cmd, _, _) in enumerate(cases):
        out.append(cmd)
        out.append("echo %s %d $?" % (SALT, i))
    return "\n".join(out) + "\n"


def split_output(text, n):
    """Per-case output lines and statuses from the script's output."""
    outs = [[] for _ in range(n)]
    status = [None] * n
    cur = []
    marker = re.compile(r"%s (\d+) (\d+)$" % SALT)
    for ln in text.split("\n"):
        idx = ln.find(SALT)
        m = marker.match(ln[idx:]) if idx >= 0 else None
        if not m:
            cur.append(ln)
            continue
        if idx > 0:
            cur.append(ln[:idx] + " (no-eol)")
        i = int(m.group(1))
        if i < n:
            outs[i], status[i] = cur, int(m.group(2))
        cur = []
    return outs, status


def line_matches(expected, actual):
    if expected.endswith(" (re)"):
        try:
            return re.fullmatch(expected[:-5], actual) is not None
        except re.error:
            return False
    return expected == actual


def transcript(cases, outs, status, actual):
    """The file's commands with the expected lines where they match and
    the actual ones where they do not (what the diff compares)."""
    lines = []
    for (_, cmd, exp, want), out, got in zip(cases, outs, status):
        lines += ["  $ " + c if k == 0 else "  > " + c
                  for k, c in enumerate(cmd.split("\n"))]
        if actual:
            if got is None:
                out = out + ["(the command never finished: the shell exited)"]
            for k, ln in enumerate(out):
                if k < len(exp) and line_matches(exp[k], ln):
                    ln = exp[k]
                lines.append("  " + ln)
            if got:
                lines.append("  [%d]" % got)
        else:
            lines += ["  " + ln for ln in exp]
            if want:
                lines.append("  [%d]" % want)
    return lines


def run_file(path, shell, path_dirs, env_extra=None):
    """Run one .t file; (ok, diff text, raw output)."""
    cases = parse(path)
    with tempfile.TemporaryDirectory(prefix="cram-") as tmp:
        script = os.path.join(tmp, ".cram-script")
        with open(script, "w") as f:
            f.write(script_of(cases))
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        env = {"PATH": ":".join(os.path.abspath(d) for d in path_dirs),
               "HOME": work, "LC_ALL": "C", "TERM": "dumb",
               "TESTDIR": os.path.abspath(os.path.dirname(path))}
        env.update(env_extra or {})
        try:
            proc = subprocess.run(shell + [script], cwd=work, env=env,
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  timeout=TIMEOUT)
            raw = proc.stdout.decode("latin-1")
        except subprocess.TimeoutExpired as e:
            raw = (e.stdout or b"").decode("latin-1")
            raw += "\n(timed out after %d s)" % TIMEOUT
    ok, diff = check(cases, raw)
    return ok, diff, raw


def check(cases, raw):
    """Compare a run's output (of script_of(cases), wherever it ran) with
    the transcript; (ok, diff text)."""
    if raw.endswith("\n"):
        raw = raw[:-1]
    outs, status = split_output(raw, len(cases))
    want = transcript(cases, outs, status, actual=False)
    got = transcript(cases, outs, status, actual=True)
    if want == got:
        return True, ""
    diff = difflib.unified_diff(want, got, "expected", "actual", lineterm="", n=2)
    return False, "\n".join(diff)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shell", default="/bin/sh",
                    help="the shell that runs the transcripts (words split at spaces)")
    ap.add_argument("--path", action="append", default=[],
                    help="a directory for PATH (repeatable; default build/user/bin)")
    ap.add_argument("-v", action="store_true", help="print the raw output too")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    dirs = args.path or ["build/user/bin"]
    failed = 0
    for path in args.files:
        ok, diff, raw = run_file(path, args.shell.split(), dirs)
        print("%s %s" % ("PASS" if ok else "FAIL", path))
        if not ok:
            failed += 1
            print(diff)
        if args.v:
            print(raw)
    print("%d passed, %d failed" % (len(args.files) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
