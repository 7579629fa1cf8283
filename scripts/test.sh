#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium for the browser tests, the project itself
# for the `netralitas` command) and run every check: ruff, the type checker (beside the rest), the import
# layers, then pytest on three workers (CONTRIBUTING.md says how to run one test or only the fast ones).
cd "$(dirname "$0")/.."
source scripts/_env.sh
command -v apt-get >/dev/null && apt_install chromium fonts-dejavu-core
make_venv requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# mypy (about 14 s from a fresh clone, which has no cache) checks the types while the other checks and pytest
# run; its report is printed once pytest ends, and the command fails if either failed.
mypy_log=$(mktemp)
.venv/bin/mypy >"$mypy_log" 2>&1 &
mypy_pid=$!
trap 'kill "$mypy_pid" 2>/dev/null || true; rm -f "$mypy_log"' EXIT
.venv/bin/lint-imports --no-cache
# Three workers on two cores: a browser test spends part of its time waiting for a page to settle, and a
# third worker fills those moments; a fourth measured no faster, both cores being busy by then
# (CONTRIBUTING.md, "How long"). Each browser module is one xdist group;
# tests/scheduling.py (through tests/conftest.py, under --dist loadgroup) never runs one beside the
# ten-session load test, and hands out the longest work first (CONTRIBUTING.md, "The whole suite").
pytest_status=0
.venv/bin/python -m pytest -q -p no:cacheprovider -n "${PYTEST_WORKERS:-3}" --dist loadgroup --durations=15 "$@" ||
    pytest_status=$?
mypy_status=0
wait "$mypy_pid" || mypy_status=$?
cat "$mypy_log"
[ "$mypy_status" -eq 0 ] || echo "mypy failed (exit $mypy_status)" >&2
[ "$pytest_status" -ne 0 ] && exit "$pytest_status"
exit "$mypy_status"
