#!/usr/bin/env bash
# System packages the tests use beyond Python: Debian's Chromium (the Datasette page is tested in
# a real headless browser) and a Bengali font (so `stats --plot` draws Bengali labels).
# Installs them with apt when missing and we may (root or sudo); otherwise says what to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -E"
else
  echo "note: install Debian's chromium and fonts-lohit-beng-bengali for the browser test" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-lohit-beng-bengali >/dev/null
