#!/bin/sh
# Installerar de oberoende granskarna som skript/granska kör (se docs/tillganglighet.md):
#  - pdfua och outloud (PyPI) för PDF:erna
#  - Nu HTML Checker (npm vnu-jar, körs med Debians default-jre-headless) och axe-core (npm,
#    körs i Debians chromium via Playwright) för HTML
# Versionerna är låsta (här och i skript/granska/package-lock.json) så att en ny regel i en
# granskare inte får CI att fallera av sig själv; höj dem med avsikt.
# Antar Debian/Ubuntu med apt-get (kör 'apt-get update' först) och root eller sudo.
set -e
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
saknas=""
for p in default-jre-headless chromium nodejs npm; do
    dpkg -s "$p" >/dev/null 2>&1 || saknas="$saknas $p"
done
# Node och npm kan redan finnas utan Debians paket; installera dem bara om kommandona saknas.
command -v node >/dev/null 2>&1 && saknas=$(echo "$saknas" | sed 's/ nodejs//')
command -v npm >/dev/null 2>&1 && saknas=$(echo "$saknas" | sed 's/ npm//')
if [ -n "$saknas" ]; then
    echo "Installerar systempaket:$saknas"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $saknas >/dev/null
fi
python3 -m pip install -q "pdfua==0.1.3" "outloud==0.2.1"
# --ignore-scripts: vnu-jars eget installationsskript laddar ner en Java; vi använder Debians.
npm ci --prefix skript/granska --ignore-scripts --no-audit --no-fund --loglevel=error
