#!/bin/sh
# Löser beroendena på nytt med de senaste versionerna (i en tom miljö) och skriver .ci/constraints.txt.
# Kör testerna efteråt (python3 -m pytest) innan ändringen checkas in; se docs/underhall.md.
set -eu
cd "$(dirname "$0")/.."
MILJO=$(mktemp -d)
python3 -m venv "$MILJO"
"$MILJO/bin/pip" install -q --upgrade pip
"$MILJO/bin/pip" install -q -e '.[test]'
{
  echo "# Versionerna som CI installerar med (pip install -c .ci/constraints.txt), lösta av pip $(date +%F)"
  echo "# för '.[test]' på Python $(python3 -c 'import sys; print(*sys.version_info[:2], sep=".")'). Förnyas med skript/uppdatera_constraints.sh (docs/underhall.md)."
  "$MILJO/bin/pip" freeze --exclude-editable | grep -v -i -E '^(pip|setuptools|wheel)=='
} > .ci/constraints.txt
rm -rf "$MILJO"
echo "Skrev .ci/constraints.txt"
