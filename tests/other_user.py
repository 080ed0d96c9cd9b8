"""Run a check as an unprivileged user in a forked child: root may write read-only files and
folders, and CI runs as root, so permission tests drop to `nobody` instead of skipping."""
from __future__ import annotations

import os
import pwd
from collections.abc import Callable


def as_nobody(check: Callable[[], str]) -> str:
    """`check()` in a forked child running as `nobody` (when we are root); what it returned,
    or "ExceptionName message" when it raised."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop privileges, try, report, exit
        try:
            os.close(read_fd)
            if os.geteuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            try:
                report = check()
            except Exception as exc:  # noqa: BLE001 - the report names it
                report = f"{type(exc).__name__}: {exc}"
            os.write(write_fd, report.encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        report = fh.read()
    os.waitpid(pid, 0)
    return report
