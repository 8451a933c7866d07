#!/usr/bin/env bash
# Installs the Debian packages the real-server tests run (nginx, Apache, Caddy, Go + rs/cors, Ruby + rack-cors, Python web stacks); idempotent.
set -euo pipefail

packages=(
  nginx                        # nginx 1.22
  apache2                      # Apache httpd 2.4 (mod_headers, mod_rewrite)
  caddy                        # Caddy 2.6
  golang-go                    # Go 1.19: builds the net/http and rs/cors fixtures
  golang-github-rs-cors-dev    # rs/cors 1.7 (GOPATH mode, /usr/share/gocode)
  ruby                         # Ruby 3.1
  ruby-rack                    # Rack 2.2
  ruby-rack-cors               # rack-cors 1.1
  ruby-webrick                 # the Rack server the rack-cors fixture runs on
  python3-fastapi              # FastAPI 0.92
  python3-starlette            # Starlette 0.26 (CORSMiddleware)
  python3-uvicorn              # uvicorn 0.17
  python3-flask                # Flask 2.2
  python3-flask-cors           # flask-cors 3.0
  python3-django               # Django 3.2
  python3-django-cors-headers  # django-cors-headers 3.14
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "test/servers/install.sh: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "test/servers/install.sh: installing ${missing[*]}"
$sudo apt-get update -qq
# Services must not start on install: the tests start their own servers on free loopback ports.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian enables and may start nginx/apache2 where a service manager runs; free port 80 for others.
for svc in nginx apache2 caddy; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $sudo systemctl stop "$svc" || true
  fi
done
echo "test/servers/install.sh: done"
