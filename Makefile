# BriefReader: two commands. `make run` opens the reader on seeds/; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install system-deps lint bench bench-recall fuzz clean bundle screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.2"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Shared libraries Qt needs (installed with apt-get when missing and allowed).
system-deps:
	@sh scripts/ensure-qt-libs.sh $(QT_LIBS_MODE)

run: QT_LIBS_MODE = window
run: system-deps install
	$(BIN)/briefreader gui seeds

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	@sh scripts/ensure-tools.sh desktop-file-validate:desktop-file-utils appstreamcli:appstream
	desktop-file-validate packaging/io.github.briefreader.BriefReader.desktop
	appstreamcli validate --no-net --explain packaging/io.github.briefreader.BriefReader.metainfo.xml

test: QT_LIBS_MODE = offscreen
test: system-deps install lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Ten thousand examples for each fuzz test (a few minutes); make test runs a quick pass.
fuzz: install
	BRIEFREADER_FUZZ=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/core/test_fuzz.py \
		-p no:randomly --hypothesis-show-statistics

bench: install
	$(BIN)/python benchmarks/bench_library.py
	$(BIN)/python benchmarks/bench_search.py --docs 10000
	$(BIN)/python benchmarks/bench_entities.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_open.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_gui_blocks.py

# PDF and Word text against pdftotext and pandoc, on the .pdf and .docx files under CORPUS
# (kept out of git; benchmarks/README.md says which corpus gave its figures).
bench-recall: install
	@test -n "$(CORPUS)" || { echo "usage: make bench-recall CORPUS=folder-of-pdf-and-docx-files" >&2; exit 2; }
	@sh scripts/ensure-tools.sh pdftotext:poppler-utils pandoc:pandoc
	$(BIN)/python benchmarks/bench_recall.py $(CORPUS)

# docs/screenshot.png regenerated offscreen at 1280x800 on seeds/ (light theme).
screenshots: QT_LIBS_MODE = offscreen
screenshots: system-deps install
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py

# A one-folder application in bundle/BriefReader (about 3 minutes; not part of make test).
bundle: QT_LIBS_MODE = offscreen
bundle: system-deps install
	$(BIN)/python -m pip install --quiet -e ".[test,bundle]"
	sh packaging/bundle.sh $(BIN)
	sh packaging/check_bundle.sh bundle/BriefReader

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist bundle
