#!/usr/bin/env bash
# Signs the macOS app bundle with a Developer ID Application identity and the hardened
# runtime (needed for notarization): every Mach-O file inside it first, deepest first,
# then each nested framework, then the bundle itself, and checks the result.
#
# Usage: installers/macos/sign.sh [path/to/wa-desk.app]      (default: dist/wa-desk.app)
#
# Environment:
#   MACOS_SIGN_IDENTITY  the codesign identity, "Developer ID Application: Name (TEAMID)"
#                        or its SHA-1 hash, in a keychain codesign can search.
#                        Not set: nothing is signed, the script says so and exits 0.
#   MACOS_KEYCHAIN       optional: the keychain file that holds the identity.
#
# Entitlements (installers/macos/entitlements.plist) go on executables only; libraries
# inherit those of the process that loads them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app=${1:-dist/wa-desk.app}
entitlements="$here/entitlements.plist"

if [[ ! -d "$app/Contents" ]]; then
  echo "sign.sh: no app bundle at $app" >&2
  exit 1
fi
if [[ -z "${MACOS_SIGN_IDENTITY:-}" ]]; then
  echo "not signed: MACOS_SIGN_IDENTITY not set ($app left as it is)"
  exit 0
fi
for tool in codesign file; do
  command -v "$tool" >/dev/null || { echo "sign.sh: $tool not found (macOS only)" >&2; exit 1; }
done

common=(--force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY")
if [[ -n "${MACOS_KEYCHAIN:-}" ]]; then
  common+=(--keychain "$MACOS_KEYCHAIN")
fi

# Deepest paths first, so that nothing is signed before what it contains.
deepest_first() {
  awk -F/ '{ print NF "\t" $0 }' | sort -t $'\t' -k1,1nr | cut -f2-
}

count=0
while IFS= read -r path; do
  kind=$(file -b "$path")
  [[ "$kind" == *Mach-O* ]] || continue
  if [[ "$kind" == *executable* ]]; then
    codesign "${common[@]}" --entitlements "$entitlements" "$path"
  else
    codesign "${common[@]}" "$path"
  fi
  count=$((count + 1))
done < <(find "$app/Contents" -type f | deepest_first)

while IFS= read -r framework; do
  codesign "${common[@]}" "$framework"
done < <(find "$app/Contents" -type d -name '*.framework' | deepest_first)

codesign "${common[@]}" --entitlements "$entitlements" "$app"
codesign --verify --deep --strict --verbose=2 "$app"
echo "signed: $app ($count Mach-O files and the bundle) as $MACOS_SIGN_IDENTITY"
