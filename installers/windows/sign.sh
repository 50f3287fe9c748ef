#!/usr/bin/env bash
# Authenticode-sign Windows files (the MSI, and wa-desk.exe before it is packed) in place,
# with osslsigncode (Debian package osslsigncode), SHA-256, and an RFC 3161 timestamp so
# the signature stays valid after the certificate expires.
#
#   installers/windows/sign.sh dist/wa-desk-<version>-x64.msi [more files...]
#
# The key, from the environment (never from a file in the repository):
#   Releases, a key that never leaves its hardware (HSM, token, cloud KMS with a PKCS#11
#   module):
#     SIGN_PKCS11_MODULE   the vendor's PKCS#11 module (.so)
#     SIGN_PKCS11_KEY      the key's PKCS#11 URI, e.g. "pkcs11:token=ci;object=wa-desk"
#                          (a PIN, if any, as ";pin-value=…" or SIGN_PKCS11_PIN)
#     SIGN_CERTS           the code-signing certificate and its chain (PEM)
#     SIGN_PKCS11_ENGINE   optional: OpenSSL's pkcs11 engine (libp11), when not found
#   Tests and local builds, a PKCS#12 file:
#     SIGN_PKCS12          the .p12/.pfx file
#     SIGN_PKCS12_PASSWORD its password (through a private file, not the command line)
# Always:
#   SIGN_TIMESTAMP_URL     an RFC 3161 timestamp server (e.g. the certificate vendor's)
#   SIGN_REQUIRED=1        fail when no key is given (release jobs); otherwise this says
#                          so and signs nothing
#   SIGN_NAME, SIGN_URL    the description and address shown in Windows' dialog
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 FILE..." >&2
  exit 2
fi
command -v osslsigncode >/dev/null || { echo "sign.sh: osslsigncode is missing" >&2; exit 1; }

# A password goes through a private file, never the command line (which ps shows).
umask 077
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
secret() { printf '%s' "$1" >"$scratch/pass"; echo "$scratch/pass"; }

key_args=()
if [[ -n "${SIGN_PKCS11_MODULE:-}" ]]; then
  : "${SIGN_PKCS11_KEY:?sign.sh: SIGN_PKCS11_KEY names the key for SIGN_PKCS11_MODULE}"
  : "${SIGN_CERTS:?sign.sh: SIGN_CERTS is the certificate chain for the PKCS#11 key}"
  key_args=(-pkcs11module "$SIGN_PKCS11_MODULE" -key "$SIGN_PKCS11_KEY" -certs "$SIGN_CERTS")
  [[ -n "${SIGN_PKCS11_ENGINE:-}" ]] && key_args+=(-pkcs11engine "$SIGN_PKCS11_ENGINE")
  [[ -n "${SIGN_PKCS11_PIN:-}" ]] && key_args+=(-readpass "$(secret "$SIGN_PKCS11_PIN")")
elif [[ -n "${SIGN_PKCS12:-}" ]]; then
  key_args=(-pkcs12 "$SIGN_PKCS12" -readpass "$(secret "${SIGN_PKCS12_PASSWORD:-}")")
elif [[ "${SIGN_REQUIRED:-}" == 1 ]]; then
  echo "sign.sh: no signing key (SIGN_PKCS11_MODULE or SIGN_PKCS12) and SIGN_REQUIRED=1" >&2
  exit 1
else
  echo "sign.sh: no signing key given; $* left unsigned"
  exit 0
fi

ts_args=()
if [[ -n "${SIGN_TIMESTAMP_URL:-}" ]]; then
  ts_args=(-ts "$SIGN_TIMESTAMP_URL")
elif [[ "${SIGN_REQUIRED:-}" == 1 ]]; then
  echo "sign.sh: a release signature needs SIGN_TIMESTAMP_URL" >&2
  exit 1
else
  echo "sign.sh: no SIGN_TIMESTAMP_URL: the signature ends with the certificate" >&2
fi

for file in "$@"; do
  signed="$file.signing"
  rm -f "$signed"
  osslsigncode sign "${key_args[@]}" "${ts_args[@]}" -h sha256 \
    -n "${SIGN_NAME:-wa-desk}" ${SIGN_URL:+-i "$SIGN_URL"} \
    -in "$file" -out "$signed" >/dev/null
  mv -f "$signed" "$file"
  echo "signed $file"
done
