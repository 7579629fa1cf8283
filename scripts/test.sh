#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium for the browser tests, the project itself
# for the `netralitas` command) and run every check: ruff, the type checker, the import layers, then
# pytest on two workers (CONTRIBUTING.md says how to run one test or only the fast ones).
cd "$(dirname "$0")/.."
source scripts/_env.sh
command -v apt-get >/dev/null && apt_install chromium fonts-dejavu-core
make_venv requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
# Two workers for two cores. Each browser module is one xdist group; tests/scheduling.py (through
# tests/conftest.py, under --dist loadgroup) runs two at once but never one beside the ten-session load
# test, and hands out the longest work first (CONTRIBUTING.md, "The whole suite").
.venv/bin/python -m pytest -q -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadgroup --durations=15 "$@"
