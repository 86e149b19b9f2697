"""The command line: one-shot commands, the console, import and export."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from storage import Database
from storage import activities as store

ROOT = Path(__file__).resolve().parents[1]
HEADER = "title,start_date,end_date,beneficiaries,agency,topics,format,description"


def run_cli(*args, stdin: str = "", cwd=None, env=None):
    environment = {**os.environ, **(env or {})}
    environment.pop("DATABASE_URL", None)
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=environment, timeout=60)


def future(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_console_is_scriptable_and_uses_the_default_sqlite_file(tmp_path):
    script = (f"/activities add title: Console course | start: {future(5)} | beneficiaries: Peru | agency: USPTO\n"
              "/activities upcoming\n"
              "/activities add title: Bad | start: 03/04/2027 | beneficiaries: Peru | agency: USPTO\n")
    result = run_cli("console", stdin=script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Added activity #1" in out
    upcoming = out.split("> /activities upcoming", 1)[1]
    assert "Upcoming activities" in upcoming and "Console course" in upcoming
    assert "ambiguous" in out
    assert (tmp_path / "art67bot.db").exists()


def test_command_json_prints_the_slack_payload(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = run_cli("command", "/activities upcoming", "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["response_type"] == "in_channel"
    assert payload["blocks"][0]["type"] == "header"
    assert "No upcoming activities" in payload["text"]


def test_command_as_a_non_admin_user_is_refused(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = run_cli("command", f"/activities add title: T | start: {future(3)} | for: Peru | agency: CBP",
                     "--user", "UOTHER", "--json", "--db", db, env={"ART67_ADMINS": "UBOSS"})
    assert "admins" in json.loads(result.stdout)["text"]


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_import_is_all_or_nothing_with_every_bad_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    path = write_csv(tmp_path / "in.csv", [
        "Good one,2026-09-15,,Peru,USPTO,,,",
        "No agency,2026-09-15,,Peru,,,,",
        "Good two,15 September 2026,17 September 2026,Peru; Chile,CBP,border enforcement,virtual,desc",
        "Bad date,2026-02-30,,Peru,CBP,,,",
    ])
    assert main(["import", str(path), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "line 3:" in err and "agency is missing" in err
    assert "line 5:" in err and "real date" in err
    assert "line 2:" not in err and "line 4:" not in err
    database = Database(db)
    with database.session() as s:
        assert store.count_activities(s) == 0


def test_import_rejects_a_wrong_header(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text("name,date\nx,2026-01-01\n")
    assert main(["import", str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 1
    assert "line 1:" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_gives_the_same_records(db_url, second_db_url, tmp_path, fmt, capsys):
    """On each backend: import, export, import the export into an empty database, compare."""
    path = tmp_path / "in.csv"
    path.write_text(HEADER + ",location,url,source_document\n" + "\n".join([
        'Patent "quality" course,2026-09-15,2026-09-18,Viet Nam; Peru,GIPA,patents; ip office administration,hybrid,"Two lines,\nwith comma",Alexandria,https://example.org/p,IP/C/W/617/Add.5',
        "Seizure clinic,2026-10-01,,Côte d'Ivoire,CBP,border enforcement,in-person,,,,",
        "Copyright talk,1 December 2026,,Ghana,USCO,,,,,,",
    ]) + "\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db_url]) == 0
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--format", fmt, "--output", str(out), "--db", db_url]) == 0
    second = second_db_url
    assert main(["import", str(out), "--db", second]) == 0
    capsys.readouterr()

    def records(url):
        with Database(url).session() as s:
            return [(a.title, a.start_date, a.end_date, a.beneficiaries, a.agency, a.topics, a.format,
                     a.description, a.location, a.url, a.source_document) for a in store.all_activities(s)]

    if fmt == "csv":  # the CSV layout carries the eight documented columns; JSON carries every field
        assert [r[:8] for r in records(db_url)] == [r[:8] for r in records(second)]
    else:
        assert records(db_url) == records(second)
        assert records(second)[0][8:] == ("Alexandria", "https://example.org/p", "IP/C/W/617/Add.5")
    assert len(records(second)) == 3
    assert main(["export", "--format", fmt, "--db", second]) == 0
    assert capsys.readouterr().out == out.read_bytes().decode("utf-8")  # byte for byte, CRLF and all


def test_csv_export_header_and_columns(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    path = write_csv(tmp_path / "in.csv", ["Course,2026-09-15,,Peru; Chile,USPTO,patents,virtual,"])
    assert main(["import", str(path), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == HEADER.split(",")
    assert rows[1] == ["Course", "2026-09-15", "", "Peru; Chile", "USPTO", "patents", "virtual", ""]


def test_ask_json_prints_the_answer_shape(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = run_cli("ask", "who handles border enforcement?", "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["question", "topic", "agencies", "source", "member", "language"]
    assert data["question"] == "who handles border enforcement?"
    assert data["topic"] == {"slug": "border-enforcement", "name": "IP border enforcement"}
    assert [a["acronym"] for a in data["agencies"]][:2] == ["CBP", "ICE"]
    first = data["agencies"][0]
    assert {k: first[k] for k in ("acronym", "name", "parent", "role")} == {
        "acronym": "CBP", "name": "U.S. Customs and Border Protection", "parent": "DHS", "role": "lead"}
    assert first["sources"] and all(set(s) == {"title", "url"} or {"document", "paragraph", "quote"} <= set(s)
                                    for s in first["sources"])
    assert data["source"].endswith(first["sources"][0].get("url", "")) and "seed" not in data["source"]

    result = run_cli("ask", "what time is it?", "--json", "--db", db)
    assert json.loads(result.stdout) == {"question": "what time is it?", "topic": None, "agencies": [],
                                         "source": None, "member": "United States of America", "language": "en"}


def test_ask_prints_the_answer(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["ask", "what does CCIPS do?", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Computer Crime and Intellectual Property Section" in out and "Sources:" in out


def test_synonyms_and_links_from_the_command_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["synonym", "add", "border-enforcement", "frontier checks", "--db", db]) == 0
    assert main(["link", "trade secrets", "USTR", "--role", "partner", "--rank", "1",
                 "--source", "https://ustr.gov", "--db", db]) == 0
    capsys.readouterr()
    assert main(["ask", "who handles frontier checks?", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["agencies"][0]["acronym"] == "CBP"
    assert main(["ask", "who handles trade secrets?", "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agencies"][0]["acronym"] == "USTR" and data["source"] == "https://ustr.gov"
    assert main(["synonym", "add", "patents", "piracy", "--db", db]) == 1
    assert "already means Copyright" in capsys.readouterr().err
    assert main(["unlink", "trade secrets", "USTR", "--db", db]) == 0
    assert main(["synonym", "list", "border-enforcement", "--db", db]) == 0
    assert "frontier checks" in capsys.readouterr().out


def test_the_console_prints_the_threaded_answer_to_a_question(tmp_path):
    result = run_cli("console", stdin="who handles border enforcement?\nwhat's the weather?\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("> what's the weather?")
    assert "(in thread)" in first and "IP border enforcement: ask CBP and ICE" in first
    assert "I don't know that one" in second


def test_a_command_waits_for_the_lazy_work_it_started(tmp_path, capsys):
    """`/activities report … docx` acknowledges, then builds and uploads the file lazily: the command
    prints the upload, however long the building took."""
    db = f"sqlite:///{tmp_path / 'x.db'}"
    lines = [HEADER] + [f"Workshop {i},2025-{10 + i % 2}-0{1 + i % 8},,Peru,USPTO,patents,virtual," for i in range(40)]
    (tmp_path / "in.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "in.csv"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["command", "/activities report 2025-2026 docx", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "[file " in out and ".docx, " in out and " bytes]" in out


def test_the_console_pool_counts_lazy_work_until_it_is_done():
    import threading

    from bot.console import LazyWork

    pool, release = LazyWork(), threading.Event()
    future = pool.submit(release.wait)
    assert pool.running == 1
    release.set()
    future.result(timeout=5)
    pool.shutdown(wait=True)
    assert pool.running == 0


def test_the_program_leaves_at_once_with_its_writes_kept_and_its_output_flushed(tmp_path):
    """`python -m bot` skips Python's slow shutdown: what it committed and printed must all be there."""
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = run_cli("command", f"/activities add title: Kept | start: {future(9)} | beneficiaries: Peru | agency: USPTO",
                     "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Added activity #1" in result.stdout
    with Database(db).session() as session:
        assert [a.title for a in store.all_activities(session)] == ["Kept"]
    refused = run_cli("command", "/activities add title: Bad", "--db", db, "--user", "UNOBODY")
    assert refused.returncode == 0 and "admins" in refused.stdout
    assert run_cli("report", "--from", "2026-01-01", "--db", db).returncode == 2
