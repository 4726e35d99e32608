"""A throwaway PostgreSQL cluster for tests: ``initdb`` in a temporary folder, started on a free
loopback port, stopped and removed afterwards.

The server binaries come from Debian's ``postgresql`` package (``/usr/lib/postgresql/<v>/bin``) or
the PATH. ``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres``
user (``runuser -u postgres --``, or ``su postgres -c`` where runuser is missing) and the temporary
folder is handed to that user. Tests are skipped, with the reason shown, only when no server
binaries can be found; any other failure (initdb, start) is an error with the server's log.

Use :func:`postgres_cluster` as a context manager, or the ``postgres`` fixture of the test modules.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SKIP_REASON = (
    "no PostgreSQL server binaries (initdb, pg_ctl) on this machine: install them with "
    "'apt-get install -y postgresql' to run the PostgreSQL store tests"
)


def find_bindir() -> Path | None:
    """Folder holding ``initdb`` and ``pg_ctl``: the newest Debian cluster version, else the PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb).resolve().parent
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running throwaway cluster; :meth:`create_database` gives each test its own database."""

    bindir: Path
    folder: Path
    port: int
    user: str = "postgres"
    _count: int = field(default=0, repr=False)

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    """``command`` run as ``owner`` (root only), via runuser or su."""
    if owner is None:
        return command
    if shutil.which("runuser"):
        return ["runuser", "-u", owner, "--", *command]
    return ["su", owner, "-s", "/bin/sh", "-c", shlex.join(command)]


def _run(command: list[str], log: Path | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        server_log = log.read_text(errors="replace")[-3000:] if log is not None and log.exists() else ""
        raise RuntimeError(
            f"{shlex.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{server_log}"
        )


@contextlib.contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    """Start a throwaway cluster (raises ``LookupError`` when there are no server binaries)."""
    bindir = find_bindir()
    if bindir is None:
        raise LookupError(SKIP_REASON)
    owner: str | None = None
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise LookupError("running as root and there is no 'postgres' user to own the test cluster") from exc
        owner = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="ict_pg_"))
    if owner is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    data, log = folder / "data", folder / "server.log"
    try:
        _run(
            _as_owner(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ],
                owner,
            )
        )
        port = 0
        for attempt in range(3):  # the free port can be taken between the check and the start
            port = free_port()
            options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
            command = [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "start",
            ]
            try:
                _run(_as_owner(command, owner), log)
                break
            except RuntimeError:
                if attempt == 2:
                    raise
                time.sleep(0.2)
        cluster = PostgresCluster(bindir=bindir, folder=folder, port=port)
        try:
            yield cluster
        finally:
            subprocess.run(
                _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], owner),
                capture_output=True,
                timeout=60,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
