"""A throw-away PostgreSQL server for the tests and the benchmark.

``temp_postgres()`` runs initdb + pg_ctl into a temp dir and listens only on a unix
socket there (no TCP: no port clash, nothing reachable from outside). PostgreSQL refuses
to run as root, so as root the server runs as the ``postgres`` (else ``nobody``) system
user via ``runuser``. Never used by the product at run time.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here (install with scripts/ci/postgres.sh)."""


def pg_bindir() -> Path | None:
    """Where pg_ctl/initdb live: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                  key=lambda d: int(d.rstrip("/").split("/")[-2]))
    for d in reversed(dirs):
        if (Path(d) / "pg_ctl").exists():
            return Path(d)
    return None


def _free_port() -> int:
    # The port only names the socket file; still pick an unused one in case the
    # cluster were ever configured to listen on TCP.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class TempPostgres:
    socket_dir: str
    port: int
    database: str = "hadath_test"
    _counter: itertools.count = field(default_factory=itertools.count)
    _ready: bool = False

    def url(self, dbname: str, schema: str | None = None) -> str:
        url = f"postgresql://postgres@/{dbname}?host={self.socket_dir}&port={self.port}"
        if schema:
            url += f"&options=-csearch_path%3D{schema},public"
        return url

    def new_database(self) -> str:
        """The URL of a fresh, empty store: its own schema in one shared database.

        A schema costs a millisecond where CREATE DATABASE costs half a second, and the
        store only ever looks at ``current_schema()``. pg_trgm is installed once, in
        ``public``, which every such URL keeps on its search_path.
        """
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            if not self._ready:
                if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    (self.database,)).fetchone():
                    conn.execute(f'CREATE DATABASE "{self.database}" TEMPLATE template0')
                self._ready = True
        name = f"t{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(self.url(self.database), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
            conn.execute(f'CREATE SCHEMA "{name}"')
        return self.url(self.database, name)


@contextmanager
def temp_postgres() -> Iterator[TempPostgres]:
    """Start a server for the duration of the block; remove everything afterwards."""
    bindir = pg_bindir()
    if bindir is None:
        raise PostgresUnavailable("PostgreSQL not installed (run scripts/ci/postgres.sh)")
    # Short path: a unix socket path must stay under ~107 bytes.
    base = tempfile.mkdtemp(prefix="hadath-pg-", dir="/tmp")
    data = os.path.join(base, "data")
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = "postgres"
        try:
            pwd.getpwnam(user)
        except KeyError:
            user = "nobody"
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
        prefix = ["runuser", "-u", user, "--"]
    port = _free_port()
    # Durability is worthless for a throw-away cluster; speed is not.
    options = (f"-c listen_addresses='' -c unix_socket_directories={base} -p {port} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
               "-c max_connections=40 -c shared_buffers=64MB")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, *args], capture_output=True, text=True, check=False,
                              timeout=60)

    try:
        done = run(str(bindir / "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
                   "--no-sync", "-E", "UTF8", "--no-locale")
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed: {done.stderr.strip()}")
        log = os.path.join(base, "log")
        done = run(str(bindir / "pg_ctl"), "-D", data, "-o", options, "-l", log, "-w",
                   "-t", "30", "start")
        if done.returncode != 0:
            tail = Path(log).read_text(errors="replace")[-2000:] if Path(log).exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed: {done.stderr.strip()} {tail}")
        try:
            yield TempPostgres(base, port)
        finally:
            run(str(bindir / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(base, ignore_errors=True)
