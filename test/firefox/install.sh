#!/usr/bin/env bash
# Installs Debian's firefox-esr for the Firefox tests when it is missing; idempotent.
set -euo pipefail

if dpkg-query -W -f='${Status}' firefox-esr 2>/dev/null | grep -q "install ok installed"; then
  echo "test/firefox/install.sh: firefox-esr present ($(firefox-esr --version 2>/dev/null || echo "version unknown"))"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq firefox-esr >/dev/null
echo "test/firefox/install.sh: installed $(firefox-esr --version)"
