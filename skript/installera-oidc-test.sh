#!/bin/sh
# Installerar testernas OpenID Connect-leverantör (panva/oidc-provider, tests/oidc/), som
# tests/server/ startar med node på 127.0.0.1 för att logga in i kvalitet server.
# Versionerna är låsta i tests/oidc/package-lock.json. Kräver node och npm (Node 20 eller senare;
# skript/installera-granskare.sh installerar dem på Debian).
set -e
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
    echo "npm saknas: installera Node.js 20 eller senare (t.ex. apt-get install nodejs npm)." >&2
    exit 1
fi
npm ci --prefix tests/oidc --ignore-scripts --no-audit --no-fund --loglevel=error
