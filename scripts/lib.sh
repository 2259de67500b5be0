# Shared helpers for scripts/demo and scripts/test. Sourced, not run.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR="$ROOT/var"
ADDONS="$ROOT/addons"
OUR_MODULES=$(for d in "$ADDONS"/*/; do [ -f "$d/__manifest__.py" ] && basename "$d"; done | paste -sd, -)
mkdir -p "$VAR"

say() { printf '%s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Install Debian packages that are missing (one apt-get run for all of them).
apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$VAR/apt.log" 2>&1 \
        || { say "apt-get install failed, see $VAR/apt.log"; return 1; }
}

# Find an installed Odoo 18: $ODOO_BIN, else `odoo` on PATH. Sets ODOO_BIN and ODOO_PYTHON.
find_odoo() {
    ODOO_BIN=${ODOO_BIN:-$(command -v odoo 2>/dev/null || true)}
    [ -n "$ODOO_BIN" ] && [ -x "$ODOO_BIN" ] || { ODOO_BIN=""; return 1; }
    if [ -z "${ODOO_PYTHON:-}" ]; then
        # The interpreter is the one named on the launcher's first line
        # (a pip console script or odoo-bin); `env python3` means python3 on PATH.
        local shebang
        shebang=$(head -n1 "$(readlink -f "$ODOO_BIN")")
        case "$shebang" in
            "#!"*env\ *) ODOO_PYTHON=$(command -v "${shebang##* }") ;;
            "#!"*) ODOO_PYTHON=${shebang#\#!} ;;
            *) ODOO_PYTHON=$(command -v python3) ;;
        esac
    fi
    local version
    version=$("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null) || version=""
    if [ "$version" != "18.0" ]; then
        say "Found $ODOO_BIN, but its Python ($ODOO_PYTHON) does not import Odoo 18.0 (got '${version:-nothing}')."
        ODOO_BIN=""
        return 1
    fi
    export ODOO_BIN ODOO_PYTHON
}

no_odoo_paragraph() {
    cat >&2 <<'EOT'
No Odoo 18 was found. These addons run inside an existing Odoo 18.0 Community
installation, which this project does not download or build. Point the command
at yours, either by setting ODOO_BIN to its launcher
(ODOO_BIN=/path/to/odoo-bin, or the `odoo` script of the virtual environment
Odoo is installed in), or by putting `odoo` on PATH, then run the command again.
EOT
}

# Make sure a local PostgreSQL runs and has a role for us. Sets PGUSER_ODOO and PGPASS_ODOO.
ensure_postgres() {
    apt_ensure postgresql || return 1
    if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
        local ver
        ver=$(ls /usr/lib/postgresql | sort -V | tail -n1)
        as_root pg_createcluster "$ver" main >/dev/null
    fi
    local ver name status
    read -r ver name _ status _ < <(pg_lsclusters -h | head -n1)
    if [ "$status" != online ]; then
        say "Starting PostgreSQL $ver/$name"
        as_root pg_ctlcluster "$ver" "$name" start
    fi
    PGUSER_ODOO=odoo_crm_idic
    # One password per machine user, kept outside the checkout: the role is shared by every
    # checkout (a second clone, CI's), and a password per checkout would lock the others out.
    local pwdir="${IDIC_CONFIG_DIR:-${XDG_CONFIG_HOME:-$HOME/.config}/idic-crm}"
    local pwfile="$pwdir/db_password"
    mkdir -p "$pwdir"
    if [ ! -s "$pwfile" ]; then
        if [ -s "$VAR/db_password" ]; then
            # a checkout made before the password moved here: keep its password
            (umask 077; cp "$VAR/db_password" "$pwfile")
        else
            (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$pwfile")
        fi
    fi
    PGPASS_ODOO=$(cat "$pwfile")
    # psql variables (:"name", :'value') quote the role name and password.
    as_root su postgres -c "psql -q -v ON_ERROR_STOP=1 -v role=$PGUSER_ODOO -v pw=$PGPASS_ODOO" <<'SQL' >/dev/null
SELECT format('CREATE ROLE %I LOGIN CREATEDB', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN CREATEDB PASSWORD :'pw';
SQL
    export PGUSER_ODOO PGPASS_ODOO
}

# The OCA helpdesk modules crm_idic_helpdesk depends on, as MODULE=PYPI-NAME: the helpdesk,
# the customer's ratings of tickets, the teams' working hours (SLA).
HELPDESK_WHEELS="helpdesk_mgmt=odoo-addon-helpdesk-mgmt helpdesk_mgmt_rating=odoo-addon-helpdesk-mgmt-rating helpdesk_mgmt_sla=odoo-addon-helpdesk-mgmt-sla"

# Install each OCA helpdesk wheel that is missing into Odoo's environment (--no-deps: Odoo
# is not a pip package here).
ensure_helpdesk() {
    local pair module wheel
    for pair in $HELPDESK_WHEELS; do
        module=${pair%%=*} wheel=${pair#*=}
        if "$ODOO_PYTHON" -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("odoo.addons." + sys.argv[1]) else 1)' "$module" 2>/dev/null \
            || "$ODOO_PYTHON" -m pip show -q "$wheel" >/dev/null 2>&1; then
            continue
        fi
        say "Installing OCA $module 18.0 into $ODOO_PYTHON"
        "$ODOO_PYTHON" -m pip install -q --no-deps "$wheel>=18.0,<18.1" >"$VAR/pip-$module.log" 2>&1 \
            || { say "pip could not install $wheel, see $VAR/pip-$module.log"; return 1; }
    done
}

# Python packages Odoo's browser tests need (HttpCase drives Chromium through them).
ensure_odoo_test_deps() {
    "$ODOO_PYTHON" -c 'import websocket' 2>/dev/null && return 0
    say "Installing websocket-client into $ODOO_PYTHON (Odoo's browser tests use it)"
    "$ODOO_PYTHON" -m pip install -q 'websocket-client>=1.0' >"$VAR/pip-websocket.log" 2>&1 \
        || { say "pip could not install websocket-client, see $VAR/pip-websocket.log"; return 1; }
}

# Odoo's own addons paths plus ours, comma separated.
addons_path() {
    "$ODOO_PYTHON" - "$ADDONS" <<'PY'
import os, sys
import odoo, odoo.addons
paths = []
base = os.path.join(os.path.dirname(odoo.__file__), "addons")
for p in list(odoo.addons.__path__) + [os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "addons")]:
    p = os.path.abspath(p)
    if os.path.isdir(p) and p not in paths and os.path.abspath(p) != os.path.abspath(base):
        paths.append(p)
paths.append(os.path.abspath(sys.argv[1]))
print(",".join(paths))
PY
}

# Write an odoo.conf from config/odoo.conf.template. Args: output file, http port.
write_conf() {
    local out=$1 port=$2 admin_pw
    # The database manager's master password: random, never a default.
    admin_pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    sed -e "s#@ADDONS_PATH@#$(addons_path)#" \
        -e "s#@DB_USER@#$PGUSER_ODOO#" \
        -e "s#@DB_PASSWORD@#$PGPASS_ODOO#" \
        -e "s#@HTTP_PORT@#$port#" \
        -e "s#@DATA_DIR@#$VAR/filestore#" \
        -e "s#@ADMIN_PASSWD@#$admin_pw#" \
        "$ROOT/config/odoo.conf.template" >"$out"
    chmod 600 "$out"
}
