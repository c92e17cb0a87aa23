"""Load the demo data, or a scale set for benchmarks, into a CKAN site.

    python -m seed -c var/ckan.ini                  # demo catalog with uploaded files
    python -m seed -c var/ckan.ini --scale 10000    # scale-000001 … light datasets
    python -m seed --dump DIR                       # write the demo files to DIR, no CKAN

Re-running skips what exists (by name). Errors a person can fix exit with code 2.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _dump(directory: Path) -> int:
    from seed.generate import build

    catalog = build()
    directory.mkdir(parents=True, exist_ok=True)
    for ds in catalog.datasets:
        for res in ds.resources:
            (directory / res.filename).write_bytes(res.content)
    print(f"{sum(len(d.resources) for d in catalog.datasets)} files written to {directory}")
    return 0


def _demo(ini: str, user: str, index: bool) -> int:
    from ckanext.govopen.lib import clock

    from seed.dating import dated
    from seed.generate import build
    from seed.load import Loader, ckan_app, load

    started = time.monotonic()
    # last updates relative to today: a fresh portal shows a mix of on time and overdue
    catalog = dated(build(), clock.today())
    print(f"· generated {len(catalog.datasets)} datasets in {time.monotonic() - started:.1f}s",
          flush=True)
    from seed.products import load_products

    with ckan_app(ini, index=index):
        loader = Loader(user, out=lambda line: print(line, flush=True))
        stats = load(catalog, loader)
        load_products(loader)  # derived products last: their sources must exist
        from seed.access import conditional_names, load_applications

        load_applications(loader, conditional_names(catalog.datasets))
        from seed.notices import load_notices

        load_notices(loader)
    made = ", ".join(f"{v} {k}(s)" for k, v in stats.created.items()) or "nothing"
    kept = sum(stats.existing.values())
    print(f"· created {made}; {stats.files} file(s) uploaded; {kept} already present; "
          f"{time.monotonic() - started:.1f}s in all", flush=True)
    return 0


def _scale(ini: str, user: str, count: int, method: str, index: bool, workers: int) -> int:
    from seed.bulk import load_scale
    from seed.load import ckan_app

    with ckan_app(ini, index=index and method == "action"):
        load_scale(count, user=user, method=method, index=index, workers=workers)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-c", "--config", help="CKAN ini file")
    parser.add_argument("--user", default="admin", help="sysadmin to act as (default: admin)")
    parser.add_argument("--scale", type=int, metavar="N", help="load N light datasets instead")
    parser.add_argument("--method", choices=("auto", "action", "bulk"), default="auto",
                        help="scale mode: package_create per dataset, or bulk SQL then "
                             "indexing (auto: action up to 2000 datasets)")
    parser.add_argument("--workers", type=int, default=0,
                        help="scale bulk mode: indexing processes (default: CPU count)")
    parser.add_argument("--no-index", action="store_true",
                        help="do not index datasets (run `ckan search-index rebuild` later); "
                             "the search service must still answer")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="only write the demo files")
    args = parser.parse_args(argv)
    try:
        if args.dump:
            return _dump(args.dump)
        if not args.config:
            parser.error("-c/--config is required")
        if not Path(args.config).is_file():
            print(f"error: config file {args.config} not found", file=sys.stderr)
            return 2
        if args.scale is not None:
            if args.scale < 1:
                parser.error("--scale needs a positive number")
            method = args.method
            if method == "auto":
                method = "action" if args.scale <= 2000 else "bulk"
            return _scale(args.config, args.user, args.scale, method, not args.no_index,
                          args.workers)
        return _demo(args.config, args.user, not args.no_index)
    except KeyboardInterrupt:
        print("interrupted; run the same command again to continue", file=sys.stderr)
        return 130
    except Exception as e:
        from seed.load import LoadError

        if isinstance(e, LoadError):
            print(f"error: {e}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
