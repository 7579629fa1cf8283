"""Several dashboard processes behind HAProxy (`scripts/serve.sh --replicas N --port P`).

HAProxy (Debian's package; scripts/serve.sh installs it) sends new sessions to the replicas in turn and
keeps a browser on its replica with a cookie it inserts: a Streamlit session
lives in one process (its websocket, its uploaded files, its media), so every request of one browser
must reach the same one. Websockets pass through HAProxy's HTTP mode as tunnels.

Every replica reads the same DuckDB file through a read-only connection (netralitas/store.py), which
DuckDB allows to several processes at once. Before the replicas start, this process creates and
migrates the file and loads the sample data when configured, so no replica, and no first visitor,
does that work.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from . import config
from .auth import users_exist
from .devtools.viewers import ROOT, free_port, wait_healthy, warm
from .i18n import t
from .store import Store

COOKIE = "NETRALITAS_REPLICA"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def haproxy_config(port: int, backends: list[int], address: str = "127.0.0.1") -> str:
    """HAProxy's configuration: sticky sessions by an inserted cookie, websockets as tunnels."""
    servers = "\n".join(
        f"    server r{i} 127.0.0.1:{p} cookie r{i} check inter 2s" for i, p in enumerate(backends, 1)
    )
    return f"""global
    maxconn 4096
    log stderr format short local0 warning

defaults
    mode http
    log global
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    # a Streamlit session is one long-lived websocket
    timeout tunnel 8h
    option forwardfor

frontend dashboard
    bind {address}:{port}
    default_backend replicas

backend replicas
    # new sessions take turns; the cookie keeps each on its replica. (leastconn sent 28 of 40 viewers
    # arriving together to one replica: its counts lag when connections open in the same instant)
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly
    option httpchk GET /_stcore/health
{servers}
"""


def prepare_database(env: dict[str, str]) -> None:
    """Create, migrate and (when configured) fill the database once, before any replica reads it."""
    code = (
        "from netralitas import config; from netralitas.store import Store; "
        "from netralitas.demo import ensure_sample; s = Store(); s.schema_version(); "
        "config.setting('load_sample') == '1' and ensure_sample(s, config.setting_int('sample_rows'))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env}, check=True)


def _replica(port: int, env: dict[str, str], upload_cap: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"]
        + ["--server.maxUploadSize", str(upload_cap)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # a session of its own, as a service manager would start it: Linux's autogroup scheduler
        # otherwise gives all the processes of one terminal session one share of the CPU together
        start_new_session=True,
    )


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def replicas(
    count: int, port: int | None = None, env: dict[str, str] | None = None, address: str = "127.0.0.1"
) -> Iterator[str]:
    """`count` dashboard processes behind HAProxy on `port` (a free one by default); yields its URL."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise RuntimeError("haproxy is not installed: run scripts/serve.sh, which installs it")
    from .uploads import browser_limit_mb

    # one cookie secret for all replicas, so that whatever Streamlit signs one of them can check
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **(env or {})}
    prepare_database(env)
    port = port or free_port()
    backends = [free_port() for _ in range(count)]
    folder = Path(tempfile.mkdtemp(prefix="netralitas-serve-"))
    cfg = folder / "haproxy.cfg"
    cfg.write_text(haproxy_config(port, backends, address), encoding="utf-8")
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, True)
        for p in backends:
            proc = _replica(p, env, 2 * browser_limit_mb())
            stack.callback(_stop, proc)
        for p in backends:
            warm(f"http://127.0.0.1:{p}")  # before the balancer opens: no visitor pays for the start
        balancer = subprocess.Popen([haproxy, "-f", str(cfg), "-db"], stdout=subprocess.DEVNULL)
        stack.callback(_stop, balancer)
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base)
        yield base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/serve.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="127.0.0.1", help="where HAProxy listens")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    prepare_database({})
    if args.address not in LOOPBACK and not users_exist(Store()):
        # local mode grants analyst rights to whoever connects (ui/session.py): never on a network
        parser.error(t("serve_local_only", "id") + " / " + t("serve_local_only", "en"))
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with replicas(args.replicas, args.port, address=args.address) as base:
        print(f"{args.replicas} replicas of {config.db_path()} behind HAProxy: {base}", flush=True)
        try:
            while not stop:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
