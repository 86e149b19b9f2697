"""A one-shot `art67bot command` opens its database only when the command needs stored data: `/activities
help` and a usage error are answered from the words alone, without importing SQLAlchemy or storage (most of
a cold start). A command that reads data opens and prepares the database then, and a database that
cannot be opened is named on standard error with a non-zero exit."""

import os
import subprocess
import sys
import threading
from pathlib import Path

from bot import services as services_module
from bot.cli import main
from bot.config import Settings
from bot.services import DatabaseOnFirstUse, open_services

ROOT = Path(__file__).resolve().parents[1]

# Runs one command in a fresh interpreter and says which of the heavy modules it loaded.
PROBE = """
import sys
from bot.cli import main
status = main(sys.argv[1:])
loaded = sorted(m for m in ("sqlalchemy", "storage", "alembic", "bot.questions", "bot.reports") if m in sys.modules)
print("LOADED:" + ",".join(loaded), file=sys.stderr)
sys.exit(status)
"""


def probe(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    loaded = [line for line in result.stderr.splitlines() if line.startswith("LOADED:")]
    assert loaded, result.stderr
    return result, loaded[-1].removeprefix("LOADED:").split(",") if loaded[-1] != "LOADED:" else []


def test_help_is_answered_without_the_database_or_sqlalchemy(tmp_path):
    path = tmp_path / "fresh.db"
    result, loaded = probe(tmp_path, "--db", f"sqlite:///{path}", "command", "/activities help")
    assert result.returncode == 0, result.stderr
    assert "/activities upcoming" in result.stdout
    assert loaded == []
    assert not path.exists()  # not even created


def test_a_usage_error_is_answered_without_the_database(tmp_path):
    path = tmp_path / "fresh.db"
    result, loaded = probe(tmp_path, "--db", f"sqlite:///{path}", "command", "/activities frobnicate")
    assert "/activities help" in result.stdout + result.stderr
    assert "sqlalchemy" not in loaded and not path.exists()


def test_a_command_that_reads_data_opens_and_prepares_the_database_on_first_use(tmp_path):
    path = tmp_path / "fresh.db"
    result, loaded = probe(tmp_path, "--db", f"sqlite:///{path}", "command", "/activities topics")
    assert result.returncode == 0, result.stderr
    assert "sqlalchemy" in loaded and path.exists()
    assert "`border-enforcement`" in result.stdout  # the shipped knowledge was loaded into the new database


def test_what_one_command_adds_the_next_one_reads(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    added = ("/activities add title: Customs training | start: 2 February 2099 | end: 3 February 2099 | "
             "beneficiaries: Peru | agency: CBP | topics: border enforcement | format: in-person")
    assert main(["--db", url, "command", added]) == 0
    assert "Added activity #1" in capsys.readouterr().out
    assert main(["--db", url, "command", "/activities upcoming"]) == 0
    assert "Customs training" in capsys.readouterr().out


def test_a_database_that_cannot_be_opened_is_named_with_a_non_zero_exit(tmp_path):
    url = f"sqlite:///{tmp_path / 'no such folder' / 'x.db'}"
    result, _ = probe(tmp_path, "--db", url, "command", "/activities upcoming")
    assert result.returncode == 1
    assert "art67bot: could not open the database: unable to open database file" in result.stderr
    assert "Something went wrong on my side and nothing was changed" in result.stdout
    helped, _ = probe(tmp_path, "--db", url, "command", "/activities help")
    assert helped.returncode == 0 and "could not open" not in helped.stderr


def test_threads_that_need_the_database_at_once_open_and_prepare_it_once(tmp_path, monkeypatch):
    prepared = []
    real = services_module.prepare_database
    monkeypatch.setattr(services_module, "prepare_database", lambda db: prepared.append(db) or real(db))
    services = open_services(settings=Settings.from_env(database_url=f"sqlite:///{tmp_path / 'x.db'}"),
                             on_first_use=True)
    handle = services.db
    assert isinstance(handle, DatabaseOnFirstUse) and not handle.is_open and prepared == []
    start, seen = threading.Barrier(8), []

    def first_use():
        start.wait()
        seen.append(handle.opened())

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(prepared) == 1 and handle.is_open
    assert all(db is prepared[0] for db in seen)
    assert services.knowledge().agency("CBP") is not None  # reads go through the opened database
    assert handle.dialect == "sqlite" and handle.failure is None
    handle.dispose()
