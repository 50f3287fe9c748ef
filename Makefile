# wa-desk: `make demo` runs the demo, `make test` runs every check. Both create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit bench screenshots screenshots-samples clean translations translations-update

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wa-desk needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP) translations
	$(BIN)/wa-desk demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check wa_desk tests benchmarks devtools

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) translations lint typecheck
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The real app against the running demo (docs/screenshots, shown in the README).
screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m devtools.demo_screenshots docs/screenshots

# Every window and dialog with fixed sample data, both languages and themes, for review.
screenshots-samples: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m devtools.screenshots build/screenshots --theme all

# UI translations: Qt Linguist .ts sources in resources/translations, compiled to .qm.
TS_FILES := resources/translations/wa_desk_es.ts resources/translations/wa_desk_en.ts

QM_FILES := $(TS_FILES:.ts=.qm)

$(QM_FILES): %.qm: %.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

translations-update: $(STAMP)
	$(BIN)/pyside6-lupdate -locations relative -no-obsolete $(shell find wa_desk/ui -name "*.py" | sort) -source-language en -ts $(TS_FILES)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# -- The frozen desktop app (build.spec) ------------------------------------------------
# dist/wa-desk/ (one folder; dist/wa-desk.app on macOS), then its smoke test: nothing is
# packaged from a tree that does not start. A Linux build machine has no Secret Service
# (no desktop session), so there the smoke test is told to keep tokens in memory; the
# keyring backend must still be in the app. SMOKE_TEST_ARGS= overrides it.
ifeq ($(shell uname -s),Linux)
SMOKE_TEST_ARGS ?= $(if $(DBUS_SESSION_BUS_ADDRESS),,--keyring memory)
endif
FROZEN_APP := $(if $(filter Darwin,$(shell uname -s)),dist/wa-desk.app/Contents/MacOS/wa-desk,dist/wa-desk/wa-desk)

.PHONY: bundle package
bundle: $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller build.spec
	$(FROZEN_APP) --smoke-test $(SMOKE_TEST_ARGS)

# Every release file this system makes, from a frozen tree that passed its smoke test:
# the .debs, the SBOM and licences, then SHA256SUMS over them (signed with GPG_KEY). The
# MSI and the .pkg are made on Windows and macOS (.github/workflows/release.yml).
package: bundle
	$(MAKE) deb hub-deb sbom licenses
	$(MAKE) sums

# Windows installer (wixl and msitools on Linux): dist/wa-desk-<version>-x64.msi over the
# Windows frozen tree MSI_TREE; sign-windows signs it in place with installers/windows/sign.sh
# (its header lists the key's variables; without a key it says so and signs nothing).
MSI_TREE ?= dist/wa-desk
MSI_FILE = dist/wa-desk-$(shell PYTHONPATH=. $(BIN)/python -c 'import wa_desk; print(wa_desk.__version__)')-x64.msi
.PHONY: msi sign-windows
msi: $(STAMP)
	PYTHONPATH=. $(BIN)/python installers/windows/build_msi.py --tree $(MSI_TREE) --output $(MSI_FILE)

sign-windows: msi
	installers/windows/sign.sh $(MSI_FILE)

# Release inventory of the desktop bundle, read from the installed distributions'
# metadata: a CycloneDX SBOM (dist/wa-desk-<version>.cdx.json) and the licence texts of
# everything shipped (dist/wa-desk-<version>-licenses/).
.PHONY: sbom licenses
sbom: $(STAMP)
	$(BIN)/python -m devtools.packaging.sbom --out dist

licenses: $(STAMP)
	$(BIN)/python -m devtools.packaging.licenses --out dist

# Linux packages and signed checksums (installers/linux, installers/verify.sh).
# deb: the desktop app's .deb from dist/wa-desk (make bundle); hub-deb: the hub's .deb;
# sums: dist/SHA256SUMS over the release files, signed when GPG_KEY names a key
# (GNUPGHOME, when set, is the keyring gpg uses).
.PHONY: deb hub-deb sums

deb: $(STAMP)
	PYTHONPATH=. $(BIN)/python -m devtools.packaging.app_deb --tree dist/wa-desk --out dist

hub-deb: $(STAMP)
	PYTHONPATH=. $(BIN)/python -m devtools.packaging.hub_deb --out dist

sums: $(STAMP)
	PYTHONPATH=. $(BIN)/python -m devtools.packaging.sums dist $(if $(GPG_KEY),--sign '$(GPG_KEY)')
