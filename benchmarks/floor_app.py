"""The floor: the fastest bare Bolt app (handler only acks), served exactly like `art67bot serve`."""

from __future__ import annotations

import argparse

from slack_bolt import App
from slack_sdk import WebClient
from waitress import serve

from bot.server import make_wsgi_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--api-url", required=True)
    args = parser.parse_args()
    app = App(client=WebClient(token="xoxb-floor", base_url=args.api_url), signing_secret=args.secret,
              process_before_response=True)

    @app.command("/activities")
    def only_ack(ack):
        ack()

    serve(make_wsgi_app(None, app, signing_secret=args.secret), host="127.0.0.1", port=args.port, threads=args.threads, ident="floor")


if __name__ == "__main__":
    main()
