# Shared by start.sh and test.sh: a Python 3.11+ virtualenv in .venv with the given requirements file.
# Debian's python3 lacks venv until python3-venv is installed; install system packages with apt-get
# (as root, or through sudo) only when they are missing.
set -euo pipefail

apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Memasang paket sistem / installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The installer's own pin (the requirements files pin everything it installs).
UV_PIN="uv==0.13.8"

make_venv() {
    local requirements=$1
    local python=${PYTHON:-python3}
    if ! "$python" -c "import venv, ensurepip" >/dev/null 2>&1; then
        command -v apt-get >/dev/null && apt_install python3-venv
    fi
    [ -x .venv/bin/python ] || "$python" -m venv .venv
    # uv installs the pinned requirements in about 10 s where pip took about 30 s (a third of the test
    # command's margin); it compiles them to bytecode as pip does, which matters where the environment
    # forbids writing bytecode (PYTHONDONTWRITEBYTECODE): each interpreter would compile them again.
    .venv/bin/python -m pip install -q --disable-pip-version-check "$UV_PIN"
    .venv/bin/uv pip install -q --compile-bytecode --python .venv/bin/python -r "$requirements"
    install_project
}

# The project itself, editable and without dependencies (the requirements files are the one list of pins):
# it puts a `netralitas` command in .venv/bin that works from any folder, and `python -m netralitas`
# works from any folder too. Skipped when this very checkout is already the one installed.
install_project() {
    if .venv/bin/python - "$(pwd -P)" >/dev/null 2>&1 <<'PY'
import json, sys
from importlib.metadata import distribution
url = json.loads(distribution("netralitas").read_text("direct_url.json") or "{}")
sys.exit(0 if url.get("url") == "file://" + sys.argv[1] and url.get("dir_info", {}).get("editable") else 1)
PY
    then
        [ -x .venv/bin/netralitas ] && return 0
    fi
    # setuptools (with wheel) is the build backend (pyproject [build-system]); use the venv's own when it has them, so
    # that the install needs no download.
    local isolation=--no-build-isolation
    .venv/bin/python -c "import setuptools, wheel" >/dev/null 2>&1 || isolation=
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps $isolation -e .
}
