#!/bin/sh
# Installerar de systempaket som kvalitet behöver för PDF på Debian/Ubuntu:
#  - libpango (WeasyPrint ritar text med Pango)
#  - libharfbuzz-subset0 (snabb typsnittsinbäddning; utan den faller WeasyPrint tillbaka på det
#    långsamma fontTools)
#  - fonts-liberation2 och fonts-dejavu-core (standardmallens typsnitt)
#  - poppler-utils (pdftoppm/pdftotext, för att titta på PDF:er som bilder)
# Hoppar över tyst där apt-get saknas (t.ex. macOS); installera då motsvarande paket själv.
set -e
PAKET="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core poppler-utils"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get saknas: installera Pango, HarfBuzz (subset) och typsnitten Liberation/DejaVu själv." >&2
    exit 0
fi
saknas=""
for p in $PAKET; do
    dpkg -s "$p" >/dev/null 2>&1 || saknas="$saknas $p"
done
if [ -z "$saknas" ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
echo "Installerar systempaket:$saknas"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $saknas >/dev/null
