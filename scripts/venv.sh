# Sourced by the other scripts: make sure uv and the project's .venv exist.
#   source scripts/venv.sh; ensure_venv; install_extras test
# Works on a fresh Debian 12 machine with Python 3.11: installs uv with pip
# when it is not on PATH, and never lets uv download a Python of its own.

export UV_PYTHON_DOWNLOADS=never
VENV_PYTHON=".venv/bin/python"

ensure_uv() {
    if command -v uv >/dev/null 2>&1; then
        UV=(uv)
    else
        if ! python3 -m uv --version >/dev/null 2>&1; then
            echo "installing uv with pip" >&2
            python3 -m pip install --quiet uv
        fi
        UV=(python3 -m uv)
    fi
}

ensure_venv() {
    ensure_uv
    if [ ! -x "$VENV_PYTHON" ]; then
        local python
        python="$(python3 -c 'import sys; print(sys.executable)')"
        "${UV[@]}" venv --quiet --python "$python" .venv
    fi
}

# install_extras EXTRA[,EXTRA...]: the project, editable, with those extras.
install_extras() {
    "${UV[@]}" pip install --quiet --python "$VENV_PYTHON" -e ".[$1]"
}
