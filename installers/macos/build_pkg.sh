#!/usr/bin/env bash
# Builds dist/wa-desk-<version>.pkg from the app bundle: a product archive that installs
# wa-desk.app into /Applications, for `sudo installer -pkg ... -target /` and MDM tools.
# The version is the bundle's own (CFBundleShortVersionString, set from the package).
#
# Usage: installers/macos/build_pkg.sh [path/to/wa-desk.app [output folder]]
#        (defaults: dist/wa-desk.app and dist)
#
# Environment:
#   MACOS_INSTALLER_IDENTITY  the productbuild identity,
#                             "Developer ID Installer: Name (TEAMID)" or its SHA-1 hash.
#                             Not set: the package is built unsigned, and the script says so.
#   MACOS_KEYCHAIN            optional: the keychain file that holds the identity.
#   PYTHON                    optional: the Python that reads Info.plist (default python3).
set -euo pipefail

app=${1:-dist/wa-desk.app}
out=${2:-dist}
bundle_id=com.wadesk.desktop

info="$app/Contents/Info.plist"
if [[ ! -f "$info" ]]; then
  echo "build_pkg.sh: no app bundle at $app (no Contents/Info.plist)" >&2
  exit 1
fi
# The bundle's identifier and version, from its Info.plist (a function, not a here-document
# inside $(...), which macOS's bash 3.2 misparses).
bundle_version() {
  "${PYTHON:-python3}" - "$info" "$bundle_id" <<'PY'
import plistlib
import sys

with open(sys.argv[1], "rb") as f:
    info = plistlib.load(f)
if info.get("CFBundleIdentifier") != sys.argv[2]:
    sys.exit(f"the bundle is {info.get('CFBundleIdentifier')!r}, not {sys.argv[2]!r}")
print(info["CFBundleShortVersionString"])
PY
}
version=$(bundle_version)
for tool in pkgbuild productbuild plutil ditto; do
  command -v "$tool" >/dev/null || { echo "build_pkg.sh: $tool not found (macOS only)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/Applications" "$work/packages" "$out"
ditto "$app" "$work/root/Applications/wa-desk.app"

# Installed where IT put it: not relocated to wherever another copy happens to be.
pkgbuild --analyze --root "$work/root" "$work/component.plist"
plutil -replace 0.BundleIsRelocatable -bool NO "$work/component.plist"

pkgbuild --root "$work/root" --component-plist "$work/component.plist" \
  --identifier "$bundle_id.pkg" --version "$version" --install-location / \
  "$work/packages/wa-desk.pkg"
productbuild --synthesize --package "$work/packages/wa-desk.pkg" "$work/distribution.xml"

sign=()
if [[ -n "${MACOS_INSTALLER_IDENTITY:-}" ]]; then
  sign=(--sign "$MACOS_INSTALLER_IDENTITY" --timestamp)
  if [[ -n "${MACOS_KEYCHAIN:-}" ]]; then
    sign+=(--keychain "$MACOS_KEYCHAIN")
  fi
else
  echo "not signed: MACOS_INSTALLER_IDENTITY not set (the package is built unsigned)"
fi

pkg="$out/wa-desk-$version.pkg"
productbuild --distribution "$work/distribution.xml" --package-path "$work/packages" \
  ${sign[@]+"${sign[@]}"} "$pkg"
if ((${#sign[@]})); then
  pkgutil --check-signature "$pkg"
fi
echo "built: $pkg"
