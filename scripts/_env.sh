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

make_venv() {
    local requirements=$1
    local python=${PYTHON:-python3}
    if ! "$python" -c "import venv, ensurepip" >/dev/null 2>&1; then
        command -v apt-get >/dev/null && apt_install python3-venv
    fi
    [ -x .venv/bin/python ] || "$python" -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
}
