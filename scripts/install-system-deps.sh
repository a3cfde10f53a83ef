#!/usr/bin/env bash
# Install the Debian packages briefgen needs, only where missing:
#   Pango/HarfBuzz for WeasyPrint, the Inter font the templates use, Liberation, Carlito and Caladea (open fonts
#   drawn to Arial's, Times New Roman's, Courier New's, Calibri's and Cambria's widths, which set the PDFs of
#   brands naming those where they are not installed, the NHS preset among them, with the same line breaks),
#   poppler-utils (pdftoppm, for looking at PDFs), Chromium with Node.js and npm (browser tests), and
#   LibreOffice Impress and Writer (the tests convert the PowerPoint and Word outputs to PDF to show they open),
#   and a Java runtime for the W3C Nu HTML checker (npm's vnu-jar) that the tests judge every page with;
#   Enchant and Hunspell's British English dictionary, which `briefgen lint` checks spelling with.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-inter fonts-dejavu-core
          fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea poppler-utils chromium
          libreoffice-impress libreoffice-writer libenchant-2-2 hunspell-en-gb)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node may come from Debian or from NodeSource (whose nodejs bundles npm): ask for the commands, not packages.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
# Any Java 11 or later runs the checker: ask for the command, not a package.
command -v java >/dev/null || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
