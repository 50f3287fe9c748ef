#!/usr/bin/env bash
# Checks a wa-desk release download: the OpenPGP signature of SHA256SUMS against the
# release key, then the checksum of every release file present beside it.
#
#   installers/verify.sh [--keyring KEYFILE] DIR_OR_SHA256SUMS
#
# KEYFILE is the project's public release key (README, "For IT": how to get it and its
# fingerprint); by default release-key.asc beside this script. Exit status 0 only when
# the signature is good and every file present matches; anything else names what failed.
set -euo pipefail

usage() {
  echo "usage: $0 [--keyring KEYFILE] DIR_OR_SHA256SUMS" >&2
  exit 2
}
fail() {
  echo "verify: FAILED: $*" >&2
  exit 1
}

keyring="$(dirname "$0")/release-key.asc"
target=""
while (($#)); do
  case $1 in
    --keyring) (($# >= 2)) || usage; keyring=$2; shift 2 ;;
    --keyring=*) keyring=${1#--keyring=}; shift ;;
    -h | --help) usage ;;
    -*) usage ;;
    *) [[ -z $target ]] || usage; target=$1; shift ;;
  esac
done
[[ -n $target ]] || usage

if [[ -d $target ]]; then sums="$target/SHA256SUMS"; else sums=$target; fi
dir=$(dirname "$sums")
[[ -f $sums ]] || fail "no checksum file $sums"
[[ -f $sums.asc ]] || fail "no signature $sums.asc: an unsigned checksum file proves nothing"
[[ -f $keyring ]] || fail "no release key $keyring (pass --keyring FILE: the key in README, \"For IT\")"
command -v gpgv >/dev/null || fail "gpgv is not installed (Debian: gpgv, macOS: GnuPG)"

# gpgv reads binary keyrings only: an armored key is converted first, in a scratch
# home, so the user's own keyrings are neither read nor changed.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if grep -q -- "-----BEGIN PGP PUBLIC KEY BLOCK-----" "$keyring"; then
  gpg --batch --quiet --homedir "$work" --dearmor <"$keyring" >"$work/keyring.gpg" ||
    fail "cannot read the release key $keyring"
else
  cp -- "$keyring" "$work/keyring.gpg"
fi
if ! gpgv --keyring "$work/keyring.gpg" -- "$sums.asc" "$sums" 2>"$work/gpgv.log"; then
  cat "$work/gpgv.log" >&2
  fail "the signature of $sums is not a good signature by the release key"
fi
echo "verify: good signature on $sums by the release key"

# Every name must be a plain file name in this folder: a checksum file cannot point
# the check elsewhere.
if grep -vqE '^[0-9a-f]{64}  [A-Za-z0-9._+~-]+$' "$sums"; then
  fail "$sums has lines that are not '<sha256>  <file name>'"
fi
if ! (cd "$dir" && sha256sum --check --strict --ignore-missing -- "$(basename "$sums")"); then
  fail "a file does not match $sums (or none of its files is here)"
fi
echo "verify: every file present matches"
