"""Shared fixtures: databases (SQLite and PostgreSQL), the Web API stand-in, the real Bolt app."""

from __future__ import annotations

import json
import os
import uuid
from datetime import date, datetime, timezone
from urllib.parse import parse_qs

import pytest
from slack_sdk.models.blocks import Block

from bot.app import build_app, make_client
from bot.config import Settings
from bot.offline.signing import event_body, signed_request, slash_command_body
from bot.offline.web_api import SlackWebAPI
from bot.services import Services, prepare_database
from storage import Database

SECRET = "test-signing-secret"
ADMIN = "UADMIN"
MEMBER = "UMEMBER"
TODAY = date(2026, 6, 10)
POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str | None:
    """The PostgreSQL server for tests: required when ART67_TEST_POSTGRES is set, else used if it answers."""
    configured = os.environ.get("ART67_TEST_POSTGRES")
    url = configured if configured and "://" in configured else POSTGRES_DEFAULT
    try:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return url
    except Exception as exc:  # noqa: BLE001 - any failure means no server
        if configured:
            raise RuntimeError(f"ART67_TEST_POSTGRES is set but PostgreSQL does not answer: {exc}") from exc
        return None


_POSTGRES = postgres_url()


def _postgres_schema_url(base: str):
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _fresh_postgres():
    if _POSTGRES is None:
        pytest.skip("no PostgreSQL server answers (set ART67_TEST_POSTGRES to require it)")
    url, schema = _postgres_schema_url(_POSTGRES)
    yield url
    _drop_schema(_POSTGRES, schema)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'art67bot.db'}"
        return
    yield from _fresh_postgres()


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL schema."""
    yield from _fresh_postgres()


@pytest.fixture
def other_postgres_url():
    """Another fresh, empty PostgreSQL schema, beside `postgres_url`'s."""
    yield from _fresh_postgres()


@pytest.fixture
def second_db_url(db_url, tmp_path):
    """Another fresh, empty database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    url, schema = _postgres_schema_url(_POSTGRES)
    yield url
    _drop_schema(_POSTGRES, schema)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'art67bot.db'}"


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    prepare_database(database)
    yield database
    database.dispose()


def make_services(database: Database, today: date = TODAY, **settings) -> Services:
    values = dict(signing_secret=SECRET, bot_token="xoxb-test", admins=frozenset({ADMIN}))
    values.update(settings)
    moment = datetime(today.year, today.month, today.day, 12, 0, tzinfo=timezone.utc)
    return Services(db=database, settings=Settings(**values), clock=lambda: moment)


@pytest.fixture
def services(db):
    return make_services(db)


@pytest.fixture
def slack_api():
    with SlackWebAPI() as api:
        yield api


@pytest.fixture
def app(services, slack_api):
    services.settings = Settings(**{**services.settings.__dict__, "api_url": slack_api.base_url})
    return build_app(services, client=make_client("xoxb-test", slack_api.base_url))


class SlackDriver:
    """Sends signed requests to the app, as Slack does, and decodes what comes back."""

    def __init__(self, app, api: SlackWebAPI):
        self.app = app
        self.api = api

    def command(self, text: str, user: str = ADMIN, channel: str = "C0CHAN", command: str = "/activities"):
        body = slash_command_body(command, text, user, channel, response_url=self.api.response_url())
        response = self.app.dispatch(signed_request(SECRET, body))
        payload = json.loads(response.body) if response.body else {}
        return response.status, payload

    def event(self, event: dict, event_id: str | None = None, headers: dict | None = None):
        body = event_body(event, event_id=event_id)
        return self.app.dispatch(signed_request(SECRET, body, extra_headers=headers))


@pytest.fixture
def slack(app, slack_api):
    return SlackDriver(app, slack_api)


def assert_valid_message(payload: dict) -> None:
    """Every block parses with slack_sdk and the message respects Slack's limits."""
    assert payload.get("text"), "a plain-text fallback is required"
    blocks = payload.get("blocks") or []
    assert len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, block
        assert parsed.to_dict() == block or parsed.to_dict()["type"] == block["type"]
        if block["type"] == "section" and "text" in block:
            assert len(block["text"]["text"]) <= 3000
        for field in block.get("fields", []):
            assert len(field["text"]) <= 2000


def form(body: str) -> dict:
    return {k: v[0] for k, v in parse_qs(body).items()}


@pytest.fixture
def server(services, slack_api):
    """`art67bot serve`'s WSGI app under waitress on a loopback port; yields its base URL."""
    import contextlib
    import threading

    from waitress.server import create_server

    from bot.server import MAX_BODY_BYTES, make_wsgi_app

    app = build_app(services, client=make_client("xoxb-test", slack_api.base_url))
    server = create_server(make_wsgi_app(services, app), host="127.0.0.1", port=0, threads=4,
                           max_request_body_size=MAX_BODY_BYTES)

    def run():
        with contextlib.suppress(OSError):  # closing the server ends its select loop
            server.run()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
