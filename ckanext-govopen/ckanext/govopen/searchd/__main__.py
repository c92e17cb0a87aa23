"""python -m ckanext.govopen.searchd --data-dir DIR [--host H] [--port P] [--core C]
[--user U --password P] [--schema PATH]

The password can come from $GOVOPEN_SEARCHD_PASSWORD instead of the command line."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from types import FrameType

from .engine import Engine
from .schema import Schema, default_schema_path
from .server import make_server

log = logging.getLogger("searchd")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ckanext.govopen.searchd",
                                     description="Solr-compatible search service for CKAN.")
    parser.add_argument("--data-dir", required=True, help="index directory (created if missing)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8983)
    parser.add_argument("--core", default="ckan", help="served under /solr/<core>")
    parser.add_argument("--user", help="require HTTP Basic auth with this user")
    # The environment, unlike the command line, is not visible to other users in `ps`.
    parser.add_argument("--password", default=os.environ.get("GOVOPEN_SEARCHD_PASSWORD"),
                        help="... and this password (default: $GOVOPEN_SEARCHD_PASSWORD)")
    parser.add_argument("--schema", help="schema.xml (default: the one inside ckan)")
    parser.add_argument("--synonyms", action="append", default=[], metavar="PATH",
                        help="extra synonyms file (Solr format, re-read when changed); "
                             "repeatable, added to the shipped synonyms.txt")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    if (args.user is None) != (args.password is None):
        parser.error("--user and --password go together")
    logging.basicConfig(level=args.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        schema = Schema(args.schema or default_schema_path())
    except (OSError, ValueError, SyntaxError) as exc:  # ET.ParseError is a SyntaxError
        print(f"searchd: cannot read the schema: {exc}", file=sys.stderr)
        return 2
    try:
        engine = Engine(args.data_dir, schema, args.synonyms)
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"searchd: cannot open the index in {args.data_dir}: {exc}", file=sys.stderr)
        return 2
    try:
        server = make_server(engine, args.host, args.port, args.core, args.user, args.password)
    except OSError as exc:
        engine.close()
        print(f"searchd: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2

    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    # The indexer thread runs long stretches of Python (analysis); a request thread
    # waiting for the GIL would otherwise wait up to the default 5 ms for its turn.
    sys.setswitchinterval(0.0005)
    thread = threading.Thread(target=server.serve_forever, name="searchd-http", daemon=True)
    thread.start()
    print(f"searchd listening on {server.base_url}", flush=True)
    while not stop.wait(3600):
        pass
    server.shutdown()
    server.server_close()
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
