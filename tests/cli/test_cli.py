"""The command-line contract: commands, options, JSON fields and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

from briefreader import __version__
from briefreader.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_prints_counts_and_skip_reasons(
    capsys: pytest.CaptureFixture[str], seed_copy: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    (seed_copy / "blob.md").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    code, out, _ = run(capsys, "index", str(seed_copy), "--data-dir", data)
    assert code == 0
    count = len(list(SEEDS.iterdir()))
    assert f"indexed {count}, updated 0, removed 0, skipped 1" in out
    assert "blob.md: binary file" in out
    (seed_copy / "rcep_2020.txt").unlink()
    code, out, _ = run(capsys, "--data-dir", data, "index", str(seed_copy))
    assert "indexed 0, updated 0, removed 1" in out
    assert (tmp_path / "data" / "indexes").is_dir()


def test_search_json_contract(
    capsys: pytest.CaptureFixture[str], seed_copy: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    run(capsys, "index", str(seed_copy), "--data-dir", data)
    code, out, _ = run(
        capsys,
        "search",
        "treaty",
        "--library",
        str(seed_copy),
        "--json",
        "--limit",
        "2",
        "--data-dir",
        data,
    )
    assert code == 0
    payload = json.loads(out)
    assert set(payload) >= {"query", "total", "hits"}
    assert payload["query"] == "treaty"
    assert payload["total"] >= 2 and len(payload["hits"]) == 2
    for hit in payload["hits"]:
        assert set(hit) >= {"path", "title", "source", "date", "score", "snippet"}
        assert "treat" in hit["snippet"].lower()
        assert Path(hit["path"]).is_file()


def test_search_uses_last_library_and_indexes_when_needed(
    capsys: pytest.CaptureFixture[str], seed_copy: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    code, out, err = run(
        capsys, "--data-dir", data, "search", "Gorbachev", "--library", str(seed_copy)
    )
    assert code == 0 and "indexed" in err
    assert "Reagan and Gorbachev" in out
    code, out, _ = run(capsys, "--data-dir", data, "search", "Gorbachev", "--json")
    assert json.loads(out)["total"] == 1


def test_a_last_library_moved_away_is_not_searched_as_a_ghost(
    capsys: pytest.CaptureFixture[str], seed_copy: Path, tmp_path: Path
) -> None:
    # A bundle's own samples are its last library; the bundle (and they) are then moved.
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "search", "Gorbachev", "--library", str(seed_copy))
    moved = seed_copy.rename(tmp_path / "moved")
    code, out, _ = run(capsys, "--data-dir", data, "search", "Gorbachev", "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and hits
    assert all(Path(hit["path"]).is_file() for hit in hits)
    assert not any(str(moved) in hit["path"] for hit in hits)


def test_invalid_query_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], seed_copy: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        capsys,
        "--data-dir",
        str(tmp_path / "d"),
        "search",
        "(treaty OR",
        "--library",
        str(seed_copy),
    )
    assert code == 2
    assert err.startswith("briefreader: invalid query:")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = SEEDS / "000_cf5c2beeea8848e9.txt"
    code, out, _ = run(capsys, "show", str(path), "--json")
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"path", "title", "source", "date", "sha256", "text"}
    assert payload["source"] == "LATIMES"
    assert payload["text"].startswith("Credited from: LATIMES\nIn a significant move")
    import hashlib

    assert payload["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_show_bad_file_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "blob.md"
    path.write_bytes(b"\x00" * 100)
    code, _, err = run(capsys, "show", str(path), "--json")
    assert code == 1
    assert err.strip().startswith("briefreader:") and "binary" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"briefreader {__version__}"


def test_gui_without_display_prints_one_line_and_exits_1(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["BRIEFREADER_DATA_DIR"] = str(tmp_path / "d")
    result = subprocess.run(
        [sys.executable, "-m", "briefreader", "gui", str(SEEDS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]


def test_search_in_a_missing_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    code, _, err = run(
        capsys, "--data-dir", data, "search", "treaty", "--library", str(tmp_path / "nowhere")
    )
    assert code == 2 and "not a folder" in err
    assert not (tmp_path / "data" / "config" / "settings.json").exists()


def test_batch_search_runs_every_line_and_reports_bad_ones(
    capsys: pytest.CaptureFixture[str], seed_copy: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "standing.txt"
    batch.write_text('treaty\n\n"unclosed\nsanctions OR tariffs\n', encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "data")]
    code, out, _ = run(
        capsys, "search", "--batch", str(batch), "--library", str(seed_copy), "--json", *data
    )
    assert code == 0
    results = json.loads(out)["results"]
    assert [r["query"] for r in results] == ["treaty", '"unclosed', "sanctions OR tariffs"]
    assert "error" in results[1] and "hits" not in results[1]
    for entry in (results[0], results[2]):
        assert entry["total"] >= 1 and entry["elapsed_ms"] >= 0
        assert {"path", "title", "source", "date", "score", "snippet", "spans"} <= set(
            entry["hits"][0]
        )
    code, _, err = run(capsys, "search", "--library", str(seed_copy), *data)
    assert code == 2 and "--batch" in err
