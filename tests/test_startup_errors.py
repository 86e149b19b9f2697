"""Starting against Slack with missing or malformed settings: a clear message, non-zero exit, no traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def start(args, env_overrides, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(env_overrides)
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", *args, "--db", f"sqlite:///{tmp_path / 'x.db'}"],
                          capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("args,env,variable", [
    (["run"], {}, "SLACK_BOT_TOKEN"),
    (["run"], {"SLACK_BOT_TOKEN": "xoxb-1-2"}, "SLACK_APP_TOKEN"),
    (["run"], {"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN"),
    (["run"], {"SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_APP_TOKEN": "xoxb-wrong-kind"}, "SLACK_APP_TOKEN"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1-2"}, "SLACK_SIGNING_SECRET"),
    (["serve"], {"SLACK_SIGNING_SECRET": "abc"}, "SLACK_BOT_TOKEN"),
])
def test_missing_or_malformed_tokens_name_the_variable(args, env, variable, tmp_path):
    result = start(args, env, tmp_path)
    assert result.returncode != 0
    assert variable in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_slack_api_is_reported_plainly(tmp_path):
    env = {"SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_SIGNING_SECRET": "abc",
           "SLACK_API_URL": "http://127.0.0.1:9/api/"}
    result = start(["serve", "--port", "0"], env, tmp_path)
    assert result.returncode != 0
    assert "SLACK_API_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_time_zone_names_the_variable(tmp_path):
    result = start(["command", "/activities help"], {"ART67_TIMEZONE": "Mars/Olympus"}, tmp_path)
    assert result.returncode == 2
    assert "ART67_TIMEZONE" in result.stderr and "Traceback" not in result.stderr
