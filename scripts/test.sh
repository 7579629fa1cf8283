#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium for the browser tests) and run them all.
cd "$(dirname "$0")/.."
source scripts/_env.sh
command -v apt-get >/dev/null && apt_install chromium fonts-dejavu-core
make_venv requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
