#!/usr/bin/env bash
# Sends a signed app bundle or installer package to Apple's notary service, waits for
# the verdict, and staples the ticket to it so Gatekeeper accepts it offline.
#
# Usage: installers/macos/notarize.sh path/to/wa-desk.app | path/to/wa-desk-<version>.pkg
#
# Environment (an App Store Connect API key with the Developer role):
#   APPLE_API_KEY_ID     the key's ID
#   APPLE_API_ISSUER     the issuer ID of the team
#   APPLE_API_KEY_PATH   the path of the key's .p8 file
#   None set: nothing is sent, the script says so and exits 0. Only some set: an error.
set -euo pipefail

target=${1:?usage: notarize.sh path/to/wa-desk.app or .pkg}

if [[ ! -e "$target" ]]; then
  echo "notarize.sh: nothing at $target" >&2
  exit 1
fi
missing=()
for var in APPLE_API_KEY_ID APPLE_API_ISSUER APPLE_API_KEY_PATH; do
  [[ -n "${!var:-}" ]] || missing+=("$var")
done
if ((${#missing[@]} == 3)); then
  echo "not notarized: APPLE_API_KEY_ID, APPLE_API_ISSUER and APPLE_API_KEY_PATH not set ($target left as it is)"
  exit 0
fi
if ((${#missing[@]})); then
  echo "notarize.sh: ${missing[*]} not set (the API key needs all three)" >&2
  exit 1
fi
if [[ ! -f "$APPLE_API_KEY_PATH" ]]; then
  echo "notarize.sh: no key file at APPLE_API_KEY_PATH" >&2
  exit 1
fi
command -v xcrun >/dev/null || { echo "notarize.sh: xcrun not found (macOS only)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# notarytool takes a .pkg, .dmg or .zip; an app bundle goes as a zip of itself.
case "$target" in
  *.app | *.app/)
    upload="$work/$(basename "${target%/}" .app).zip"
    ditto -c -k --sequesterRsrc --keepParent "$target" "$upload"
    ;;
  *.pkg) upload=$target ;;
  *)
    echo "notarize.sh: $target is neither an .app nor a .pkg" >&2
    exit 1
    ;;
esac

key=(--key "$APPLE_API_KEY_PATH" --key-id "$APPLE_API_KEY_ID" --issuer "$APPLE_API_ISSUER")
xcrun notarytool submit "$upload" "${key[@]}" --wait --timeout 1h \
  --output-format json >"$work/result.json"
status=$(plutil -extract status raw -o - "$work/result.json")
id=$(plutil -extract id raw -o - "$work/result.json")
if [[ "$status" != "Accepted" ]]; then
  echo "notarize.sh: the notary service answered $status for submission $id; its log:" >&2
  xcrun notarytool log "$id" "${key[@]}" >&2 || true
  exit 1
fi

xcrun stapler staple "$target"
xcrun stapler validate "$target"
echo "notarized and stapled: $target (submission $id)"
