#!/usr/bin/env bash
# N dashboard processes behind HAProxy, all reading one database file (README "Many viewers: replicas"):
#   ./scripts/serve.sh --replicas 2 --port 8501 [--address 127.0.0.1]
# Installs Debian's haproxy with apt when it is missing, like test.sh does chromium.
cd "$(dirname "$0")/.."
source scripts/_env.sh
command -v haproxy >/dev/null || apt_install haproxy
make_venv requirements.txt
exec .venv/bin/python -m netralitas.serve "$@"
