#!/usr/bin/env bash
# Install what the dashboard needs and start it on the embedded DuckDB, with sample data on first start.
cd "$(dirname "$0")/.."
source scripts/_env.sh
make_venv requirements.txt
# Streamlit's own upload cap follows NETRALITAS_UPLOAD_LIMIT_MB (environment or secrets.toml): twice the limit,
# so a file over the limit still reaches the upload page and gets its message in both languages. A
# --server.maxUploadSize given to this script comes later on the command line and wins.
upload_cap=$(.venv/bin/python -c "from netralitas.uploads import browser_limit_mb; print(browser_limit_mb())")
# Warm-up: once the server answers, one view of the overview loads the modules, tables, boundary layer,
# connection, queries and figures, so the first visitor after a start does not pay for them.
port=${STREAMLIT_SERVER_PORT:-8501}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --server.port) port=${args[i + 1]:-$port} ;;
        --server.port=*) port=${args[i]#*=} ;;
    esac
done
(.venv/bin/python -m netralitas.devtools.viewers --warm "http://127.0.0.1:${port}" >/dev/null &)
exec .venv/bin/python -m streamlit run app.py --server.maxUploadSize "$upload_cap" "$@"
