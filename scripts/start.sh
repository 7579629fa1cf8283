#!/usr/bin/env bash
# Install what the dashboard needs and start it on the embedded DuckDB, with sample data on first start.
cd "$(dirname "$0")/.."
source scripts/_env.sh
make_venv requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
