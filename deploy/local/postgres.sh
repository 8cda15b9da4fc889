#!/usr/bin/env bash
# Local PostgreSQL 15 + pgvector for image-search on Debian 12: install, start, stop, status.
# Idempotent: every step checks before it acts. The server runs as the `postgres` user on its own
# port and data folder, listening on 127.0.0.1 only.
#
#   deploy/local/postgres.sh install   # apt packages + pgvector built from Debian's source package
#   deploy/local/postgres.sh start     # install if needed, initdb if needed, start, create role + db
#   deploy/local/postgres.sh stop | status | env
#
# Settings (environment): IMAGE_SEARCH_PG_PORT (55432), IMAGE_SEARCH_PG_DATA
# (/var/lib/image-search/pg15), IMAGE_SEARCH_PG_DB (imagesearch), IMAGE_SEARCH_PG_USER (imagesearch),
# IMAGE_SEARCH_PG_PASSWORD (imagesearch; the dev default, never printed).
set -euo pipefail

PORT=${IMAGE_SEARCH_PG_PORT:-55432}
DATA=${IMAGE_SEARCH_PG_DATA:-/var/lib/image-search/pg15}
DB=${IMAGE_SEARCH_PG_DB:-imagesearch}
DB_USER=${IMAGE_SEARCH_PG_USER:-imagesearch}
DB_PASSWORD=${IMAGE_SEARCH_PG_PASSWORD:-imagesearch}
PG_BIN=/usr/lib/postgresql/15/bin
BUILD_DIR=${IMAGE_SEARCH_PG_BUILD:-/var/cache/image-search/pgvector-build}

log() { echo "[postgres.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# The server refuses to run as root: run server-side commands as the postgres OS user.
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else as_root runuser -u postgres -- "$@"; fi; }

have_vector() { [ -f /usr/share/postgresql/15/extension/vector.control ]; }

install() {
  if [ -x "$PG_BIN/initdb" ] && [ -x "$(command -v pg_config || true)" ] && have_vector; then
    log "PostgreSQL 15 and pgvector already installed"; return 0
  fi
  local pkgs=(postgresql-15 postgresql-server-dev-15 build-essential)
  log "installing ${pkgs[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${pkgs[@]}" >/dev/null
  have_vector && return 0
  # Debian 12 has no pgvector package; Debian 13's source package builds against PostgreSQL 15.
  # A private apt configuration keeps /etc/apt untouched.
  as_root mkdir -p "$BUILD_DIR/lists/partial" "$BUILD_DIR/cache/archives/partial"
  echo 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' \
    | as_root tee "$BUILD_DIR/sources.list" >/dev/null
  local O=(-o "Dir::Etc::SourceList=$BUILD_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
           -o "Dir::State::Lists=$BUILD_DIR/lists" -o "Dir::Cache=$BUILD_DIR/cache")
  as_root apt-get "${O[@]}" update -qq
  (cd "$BUILD_DIR" && as_root apt-get "${O[@]}" source -qq pgvector >/dev/null 2>&1) \
    || die "could not fetch the pgvector source package"
  local src; src=$(find "$BUILD_DIR" -maxdepth 1 -type d -name 'pgvector-*' | sort | tail -n 1)
  [ -n "$src" ] || die "pgvector source folder not found in $BUILD_DIR"
  log "building pgvector in $src"
  (cd "$src" && as_root make -s -j2 PG_CONFIG=$PG_BIN/pg_config >/dev/null && as_root make -s install PG_CONFIG=$PG_BIN/pg_config >/dev/null)
  have_vector || die "pgvector did not install"
}

psql_admin() { as_postgres env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DATA" -p "$PORT" -U postgres "$@"; }

running() { [ -f "$DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  install
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initialising $DATA"
    as_root mkdir -p "$DATA"
    as_root chown postgres:postgres "$DATA"
    as_root chmod 700 "$DATA"
    as_postgres "$PG_BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    # Admin work goes through the Unix socket inside the data folder, which only the postgres OS
    # user can reach; TCP on loopback always needs a password (scram).
    {
      echo "local all all trust"
      echo "host all all 127.0.0.1/32 scram-sha-256"
    } | as_postgres tee "$DATA/pg_hba.conf" >/dev/null
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PORT"
      echo "unix_socket_directories = '$DATA'"
      echo "max_connections = 100"
      echo "shared_buffers = 512MB"
      echo "maintenance_work_mem = 1GB"
      echo "fsync = on"
    } | as_postgres tee -a "$DATA/postgresql.auto.conf" >/dev/null
  fi
  if running; then
    log "already running on 127.0.0.1:$PORT"
  else
    as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null \
      || { tail -n 20 "$DATA/server.log" >&2; die "server did not start"; }
    log "started on 127.0.0.1:$PORT (data $DATA)"
  fi
  psql_admin -d postgres -v u="$DB_USER" -v p="$DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'u', :'p') \gexec
SQL
  psql_admin -d postgres -v u="$DB_USER" -v d="$DB" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SQL
  psql_admin -d "$DB" -c 'CREATE EXTENSION IF NOT EXISTS vector'
}

stop() {
  if running; then as_postgres "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

status() { if running; then log "running on 127.0.0.1:$PORT (data $DATA)"; else log "not running"; return 3; fi; }

# Prints the JDBC settings the project reads, for `eval "$(deploy/local/postgres.sh env)"`.
env_vars() {
  echo "export IMAGE_SEARCH_JDBC_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB"
  echo "export IMAGE_SEARCH_DB_USER=$DB_USER"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_vars ;;
  *) echo "usage: $0 install|start|stop|status|env" >&2; exit 2 ;;
esac
