"""Run the whole portal, or the test suite, on one machine with no root.

    python tools/stack.py run            # make run: services + web + worker, demo data
    python tools/stack.py test [ARGS]    # make test: isolated services, pytest ARGS
    python tools/stack.py compat [ARGS]  # make test-compat: CKAN's own search tests, ckanext-dcat's endpoint tests
    python tools/stack.py ckan ARGS      # make ckan: a CKAN command on var/ckan.ini

Errors a person can fix are printed as one line and exit non-zero.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import asroot
import services as svc
from services import ROOT, StackError
from supervise import Supervisor

VAR = Path(os.environ.get("GOVOPEN_VAR", ROOT / "var")).resolve()
BIN = Path(sys.executable).parent
STATUS_FILE = VAR / "status.json"  # written by the supervisor, read by the portal
CKAN = str(BIN / "ckan")
PLUGINS = ("govopen scheming_datasets scheming_organizations scheming_groups dcat structured_data activity"
           " datastore datatables_view")

# What CKAN's own test configuration sets (docs/search-contract.md §6); our tests add to it.
TEST_SETTINGS = """\
testing = true
ckan.extra_resource_fields = alt_url
ckan.cache_enabled = false
apitoken_header_name = Authorization
ckan.auth.user_create_organizations = true
ckan.auth.user_create_groups = true
ckan.auth.create_dataset_if_not_in_organization = true
ckan.auth.user_delete_groups = true
ckan.auth.user_delete_organizations = true
ckan.auth.create_unowned_dataset = true
ckan.auth.create_default_api_keys = true
ckan.auth.create_user_via_api = false
ckan.auth.anon_create_dataset = false
ckanext.govopen.front.cache_seconds = 0
"""


def _check_libmagic() -> None:
    try:
        import magic  # noqa: F401
    except ImportError as e:
        raise StackError(
            "the system library libmagic is missing: install Debian's libmagic1 "
            f"(apt-get install libmagic1) ({e})"
        ) from e


def load_secrets(path: Path) -> dict[str, str]:
    """Secrets are generated once and kept, so sessions and tokens survive restarts."""
    data: dict[str, str] = {}
    if path.exists():
        try:
            data = json.loads(path.read_text())
        except ValueError as e:
            raise StackError(f"{path} is corrupt ({e}); run `make reset`") from e
    changed = False
    for key, size in (("secret_key", 32), ("jwt_secret", 32), ("pg_password", 16),
                      ("admin_password", 9), ("storage_key", 32), ("redis_password", 24),
                      ("search_password", 24), ("datastore_ro_password", 24)):
        if key not in data:
            data[key] = secrets.token_urlsafe(size)
            changed = True
    if changed:
        svc.write_private(path, json.dumps(data, indent=2))
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)  # written by an older version, or copied around
    return data


def write_ini(dest: Path, **values: str) -> Path:
    """The ini holds every secret: it is written readable by its owner only (mode 600)."""
    if values.get("search_password"):
        # CKAN sends these as HTTP Basic auth to searchd (pysolr's auth).
        values["extra"] = (f"solr_user = {values['search_user']}\n"
                           f"solr_password = {values['search_password']}\n{values['extra']}")
    if values.get("synonyms_file"):
        values["extra"] = (f"ckanext.govopen.search.synonyms_file = {values['synonyms_file']}\n"
                           f"{values['extra']}")
    template = string.Template((ROOT / "config" / "ckan.ini.tmpl").read_text())
    svc.write_private(dest, template.substitute(values))
    return dest


def ckan(ini: Path, *args: str, check: bool = True, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([CKAN, "-c", str(ini), *args], capture_output=True, text=True, check=False)
    if check and r.returncode:
        tail = "\n".join((r.stderr or r.stdout).strip().splitlines()[-5:])
        raise StackError(f"`ckan {' '.join(args)}` failed:\n{tail}")
    return r


@contextlib.contextmanager
def backing_services(base: Path, *, pg_port: int, redis_port: int, search_port: int,
                     password: str, db: str, redis_password: str | None = None,
                     search_password: str | None = None, pg_dir: Path | None = None,
                     ) -> Iterator[tuple[svc.Stack, dict[str, str]]]:
    """PostgreSQL, Redis and searchd under `base`, unless CKAN_*_URL points elsewhere.

    Every service asks for a password (another user of the machine reaches loopback
    too); those not given are drawn afresh. PostgreSQL's data is in `pg_dir`
    (default `base/pg`).
    """
    stack = svc.Stack()
    urls: dict[str, str] = {}
    logs = base / "log"
    logs.mkdir(mode=0o700, parents=True, exist_ok=True)
    pg_dir = pg_dir or base / "pg"
    try:
        if os.environ.get("CKAN_SQLALCHEMY_URL"):
            urls["sqlalchemy_url"] = os.environ["CKAN_SQLALCHEMY_URL"]
        else:
            svc.require_port(pg_port, "PostgreSQL", "GOVOPEN_PG_PORT")

            def pg() -> svc.Service:
                return svc.start_postgres(pg_dir, pg_port, password, logs / "postgresql.log")

            stack.add(pg(), restart=pg)
            svc.ensure_database(pg_dir, pg_port, db)
            urls["sqlalchemy_url"] = f"postgresql://ckan:{password}@127.0.0.1:{pg_port}/{db}"
        if os.environ.get("CKAN_REDIS_URL"):
            urls["redis_url"] = os.environ["CKAN_REDIS_URL"]
        else:
            svc.require_port(redis_port, "Redis", "GOVOPEN_REDIS_PORT")
            redis_password = redis_password or secrets.token_urlsafe(24)
            redis_pw = redis_password

            def redis() -> svc.Service:
                return svc.start_redis(base / "redis", redis_port, redis_pw, logs / "redis.log")

            stack.add(redis(), restart=redis)
            urls["redis_url"] = f"redis://:{redis_password}@127.0.0.1:{redis_port}/0"
        if os.environ.get("CKAN_SOLR_URL"):
            urls["solr_url"] = os.environ["CKAN_SOLR_URL"]
        else:
            svc.require_port(search_port, "searchd", "GOVOPEN_SEARCH_PORT")
            search_password = search_password or secrets.token_urlsafe(24)
            search_pw = search_password
            # Sysadmins' synonyms (search/): written by the portal, read by searchd.
            synonyms = base / "search-synonyms.txt"

            def searchd() -> svc.Service:
                return svc.start_searchd(base / "search", search_port, search_pw,
                                         logs / "searchd.log", synonyms)

            stack.add(searchd(), restart=searchd)
            urls["synonyms_file"] = str(synonyms)
            urls["solr_url"] = svc.solr_url(search_port)
            urls["search_user"], urls["search_password"] = svc.SEARCH_USER, search_password
        yield stack, urls
    finally:
        stack.stop()


# make run --------------------------------------------------------------------


def cmd_run(_: argparse.Namespace) -> int:
    _check_libmagic()
    port = int(os.environ.get("PORT", "5000"))
    svc.require_port(port, "the web server", "PORT")
    # Files the services and CKAN create in var/ are for this user only; var/ itself
    # lets nobody (PostgreSQL's user under root) through to var/pg, and no one list it.
    os.umask(0o077)
    fresh = not (VAR / "secrets.json").exists()
    VAR.mkdir(exist_ok=True)
    VAR.chmod(0o711 if asroot.pg_user() else 0o700)
    for child in VAR.iterdir():  # a var/ made by an older version: 0755 directories
        if child.name != "pg" and not child.is_symlink():
            child.chmod(0o700 if child.is_dir() else 0o600)
    sec = load_secrets(VAR / "secrets.json")
    pg_dir = _pg_dir(fresh)
    started = time.monotonic()

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops everything exactly as Ctrl-C does

    signal.signal(signal.SIGTERM, on_signal)
    # Started from a script's background job, SIGINT arrives ignored; Ctrl-C still stops.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with backing_services(
            VAR,
            pg_port=int(os.environ.get("GOVOPEN_PG_PORT", "54329")),
            redis_port=int(os.environ.get("GOVOPEN_REDIS_PORT", "63799")),
            search_port=int(os.environ.get("GOVOPEN_SEARCH_PORT", "8983")),
            password=sec["pg_password"], db="ckan", redis_password=sec["redis_password"],
            search_password=sec["search_password"], pg_dir=pg_dir,
        ) as (stack, urls):
            urls.update(datastore_setup(pg_dir, int(os.environ.get("GOVOPEN_PG_PORT", "54329")),
                                        sec["pg_password"], "ckan", sec["datastore_ro_password"]))
            site_url = os.environ.get("CKAN_SITE_URL", f"http://127.0.0.1:{port}")
            ini = write_ini(
                VAR / "ckan.ini", secret_key=sec["secret_key"], jwt_secret=sec["jwt_secret"],
                storage_key=sec["storage_key"],
                site_url=site_url, site_id="govopen", storage_path=str(VAR / "storage"),
                plugins=PLUGINS, locale_default="zh_Hans_CN", log_level="INFO",
                extra=f"ckanext.govopen.operations.status_file = {STATUS_FILE}\n",
                **urls,
            )
            print("· database migrations", flush=True)
            ckan(ini, "db", "init")
            _ensure_admin(ini, sec["admin_password"])
            # GOVOPEN_DEMO=0: an empty portal (fault tests, a restore); demo data otherwise.
            if not (VAR / ".seeded").exists() and os.environ.get("GOVOPEN_DEMO") != "0":
                print("· loading demo data (first start only)", flush=True)
                r = subprocess.run([str(BIN / "python"), "-m", "seed", "-c", str(ini)], cwd=ROOT, check=False)
                if r.returncode:
                    raise StackError("loading the demo data failed (see above)")
                (VAR / ".seeded").touch()
            env = {**os.environ, "CKAN_INI": str(ini)}
            logs = VAR / "log"
            def web() -> svc.Service:
                service = svc.spawn(
                    "web", [str(BIN / "gunicorn"), "--workers", os.environ.get("WEB_WORKERS", "2"),
                            "--bind", f"127.0.0.1:{port}", "--timeout", "120",
                            "--config", str(ROOT / "config" / "gunicorn.conf.py"),
                            "--chdir", str(ROOT / "config"), "wsgi:application"],
                    logs / "web.log", env=env)
                svc.wait_for_port(port, service.proc, "the web server", logs / "web.log")
                return service

            def worker() -> svc.Service:
                return svc.spawn(
                    "worker", [CKAN, "-c", str(ini), "jobs", "worker", "default",
                               "govopen:desensitize", "govopen:datastore"],
                    logs / "worker.log", env=env)

            stack.add(web(), restart=web)
            stack.add(worker(), restart=worker)
            _wait_http(f"http://127.0.0.1:{port}/api/3/action/status_show", logs / "web.log")
            # The periodic duties (update status, reminders): `ckan govopen tick` every few
            # minutes; it takes a database lock, so an overlapping run skips.
            tick_every = int(os.environ.get("GOVOPEN_TICK_SECONDS", "300"))
            loop = f'while :; do "$0" -c "$1" govopen tick; sleep {tick_every}; done'
            stack.add(svc.spawn("scheduler", ["sh", "-c", loop, CKAN, str(ini)],
                                logs / "scheduler.log", env=env))

            recover = _Recovery(ini, logs / "recover.log", env)
            recover.start()  # jobs a crash of the previous run left behind, the index's lag
            supervisor = Supervisor(stack, STATUS_FILE, on_restart=recover.after_restart)
            supervisor.write_status()
            print(f"\nGovOpen is ready after {time.monotonic() - started:.0f}s: {site_url}/")
            print(f"  admin login: admin / {sec['admin_password']}")
            print(f"  logs: {logs}/  · service status: {STATUS_FILE}"
                  "  · stop with Ctrl-C\n", flush=True)
            try:
                while True:
                    supervisor.check()
                    recover.poll()
                    time.sleep(1)
            finally:
                supervisor.stopped()
                recover.stop()
    except KeyboardInterrupt:
        print("\nstopping…", flush=True)
        return 0


class _Recovery:
    """`ckan govopen recover` in the background: after a restart of the search service,
    Redis, PostgreSQL or the worker, requeue stalled jobs and catch the index up."""

    AFTER = ("searchd", "redis", "postgresql", "worker")

    def __init__(self, ini: Path, log: Path, env: dict[str, str]) -> None:
        self.ini, self.log, self.env = ini, log, env
        self.proc: subprocess.Popen[bytes] | None = None
        self.again = False

    def start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.again = True  # one at a time; run once more when this one ends
            return
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen([CKAN, "-c", str(self.ini), "govopen", "recover"],
                                         stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, env=self.env,
                                         start_new_session=True)

    def after_restart(self, name: str) -> None:
        if name in self.AFTER:
            self.start()

    def poll(self) -> None:
        if self.again and self.proc is not None and self.proc.poll() is not None:
            self.again = False
            self.start()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(10)


def _pg_dir(fresh: bool) -> Path:
    """var/pg, or (root, var/ out of nobody's reach) a directory kept for it outside."""
    if os.environ.get("CKAN_SQLALCHEMY_URL"):
        return VAR / "pg"
    stale = asroot.stale_datadir(VAR / "pg")
    if fresh and stale:
        # A cluster left by a var/ since deleted: its password went with secrets.json.
        print(f"· removing {stale}, the database of a deleted var/", flush=True)
        shutil.rmtree(stale.parent)
    try:
        place, why = asroot.pg_datadir_for(VAR / "pg")
    except OSError as e:
        raise StackError(f"PostgreSQL runs as {asroot.USER} under root and cannot enter "
                         f"{asroot.first_blocked(VAR)}; no place outside it either: {e}") from e
    if why:
        print(f"· {why}", flush=True)
    return place


def _wait_http(url: str, log: Path, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=10) as r:
            if r.status == 200:
                return
        time.sleep(0.5)
    raise StackError(f"the portal did not answer {url}; see {log}")


def _ensure_admin(ini: Path, password: str) -> None:
    listed = ckan(ini, "user", "list").stdout
    if "name=admin" not in listed:
        ckan(ini, "user", "add", "admin", "email=admin@govopen.invalid",
             f"password={password}", "fullname=平台管理员")
    ckan(ini, "sysadmin", "add", "admin")


# The DataStore (datastore/) ---------------------------------------------------
# CKAN's documented setup on the embedded PostgreSQL: a database of its own, written as
# the main user, read by a role that may only SELECT (what `ckan datastore
# set-permissions` prints), with its queries cut off by the server as well.

DATASTORE_READER = "datastore_ro"


def datastore_setup(pg_dir: Path, pg_port: int, password: str, db: str,
                    reader_password: str) -> dict[str, str]:
    """The DataStore's write and read URLs, after creating its database and roles."""
    if os.environ.get("CKAN_SQLALCHEMY_URL"):
        write = os.environ.get("CKAN_DATASTORE_WRITE_URL")
        read = os.environ.get("CKAN_DATASTORE_READ_URL")
        if not (write and read):
            raise StackError("CKAN_SQLALCHEMY_URL is set: set CKAN_DATASTORE_WRITE_URL and "
                             "CKAN_DATASTORE_READ_URL too (CKAN's DataStore setup: a database "
                             "of its own and a read-only role)")
        return {"datastore_write_url": write, "datastore_read_url": read}
    from ckanext.datastore.cli import permissions_sql

    store = f"{db}_datastore"
    svc.ensure_database(pg_dir, pg_port, store)
    reader = DATASTORE_READER
    sql = (f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{reader}') THEN "
           f"CREATE ROLE {reader} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$;\n"
           f"ALTER ROLE {reader} WITH LOGIN PASSWORD '{reader_password}';\n"
           f"ALTER ROLE {reader} SET default_transaction_read_only = on;\n"
           f"ALTER ROLE {reader} SET statement_timeout = '30s';\n"
           + permissions_sql(db, store, "ckan", "ckan", reader))
    r = subprocess.run(
        [str(svc.pg_bindir() / "psql"), "-h", str(pg_dir), "-p", str(pg_port), "-U", "ckan",
         "-d", "postgres", "-q", "-v", "ON_ERROR_STOP=1"], input=sql, capture_output=True,
        text=True, check=False, **svc._as_user(asroot.pg_user()))
    if r.returncode:
        raise StackError(f"cannot set up the DataStore database: {r.stderr.strip()[-500:]}")
    host = f"127.0.0.1:{pg_port}"
    return {"datastore_write_url": f"postgresql://ckan:{password}@{host}/{store}",
            "datastore_read_url": f"postgresql://{reader}:{reader_password}@{host}/{store}"}


@contextlib.contextmanager
def bench_services(base: Path, db: str = "ckan") -> Iterator[tuple[svc.Stack, dict[str, str]]]:
    """The backing services of a benchmark under `base` on free ports, the DataStore's
    database and roles included: what `write_ini` needs for every plugin of PLUGINS."""
    pg_port, password = svc.free_port(), secrets.token_urlsafe(12)
    with backing_services(base, pg_port=pg_port, redis_port=svc.free_port(),
                          search_port=svc.free_port(), password=password, db=db,
                          ) as (services, urls):
        urls.update(datastore_setup(base / "pg", pg_port, password, db,
                                    secrets.token_urlsafe(12)))
        yield services, urls


# make test / make test-compat -------------------------------------------------


def _test_stack(args: argparse.Namespace, *, plugins: str, locale: str,
                pytest_args: list[str], extra: str = "", unset: tuple[str, ...] = ()) -> int:
    _check_libmagic()
    base = Path(tempfile.mkdtemp(prefix="govopen-test-"))
    os.chmod(base, 0o755)
    pg_port, pg_password = svc.free_port(), secrets.token_urlsafe(12)
    try:
        with backing_services(
            base, pg_port=pg_port, redis_port=svc.free_port(),
            search_port=svc.free_port(), password=pg_password, db="ckan_test",
        ) as (_, urls):
            urls.update(datastore_setup(base / "pg", pg_port, pg_password, "ckan_test",
                                        secrets.token_urlsafe(12)))
            ini = write_ini(
                base / "test.ini", secret_key=secrets.token_urlsafe(16),
                jwt_secret=secrets.token_urlsafe(16), storage_key=secrets.token_urlsafe(32),
                site_url="http://test.ckan.net",
                site_id="test.ckan.net", storage_path=str(base / "storage"), plugins=plugins,
                locale_default=locale, log_level="WARNING", extra=TEST_SETTINGS + extra, **urls,
            )
            if unset:  # back to the option's declared default
                ini.write_text("".join(
                    line for line in ini.read_text().splitlines(keepends=True)
                    if line.partition("=")[0].strip() not in unset))
            ckan(ini, "db", "init")
            env = {**os.environ, "GOVOPEN_TEST_BASE": str(base), "CKAN_INI": str(ini)}
            if args.cwd:  # CKAN's tests, run from site-packages, load our plugins from here
                plugins = str(ROOT / "tests" / "pytest_plugins")
                env["PYTHONPATH"] = os.pathsep.join(filter(None, [plugins, env.get("PYTHONPATH")]))
            cmd = [str(BIN / "python"), "-m", "pytest", f"--ckan-ini={ini}", *pytest_args]
            print("·", " ".join(cmd), flush=True)
            return subprocess.run(cmd, cwd=args.cwd or ROOT, env=env, check=False).returncode
    finally:
        if not os.environ.get("GOVOPEN_KEEP_TEST_DIR"):
            shutil.rmtree(base, ignore_errors=True)


def cmd_test(args: argparse.Namespace) -> int:
    return _test_stack(args, plugins=PLUGINS, locale="zh_Hans_CN",
                       pytest_args=args.pytest_args)


COMPAT_TESTS = [
    "ckan/tests/lib/search",
    "ckan/tests/logic/action/test_get.py::TestPackageSearch",
    "ckan/tests/logic/action/test_get.py::TestPackageAutocomplete",
    "ckan/tests/logic/action/test_get.py::TestGroupShow",
    "ckan/tests/logic/action/test_get.py::TestCurrentPackageList",
    "ckan/tests/controllers/test_package.py::TestSearch",
    "ckan/tests/controllers/test_admin.py::TestTrashView",
    # Group and organization pages that list datasets through search; their
    # follow and membership tests need none and stay out.
    "ckan/tests/controllers/test_group.py::TestGroupRead",
    "ckan/tests/controllers/test_group.py::TestGroupSearch",
    "ckan/tests/controllers/test_group.py::TestGroupInnerSearch",
    "ckan/tests/controllers/test_group.py::TestGroupIndex",
    "ckan/tests/controllers/test_organization.py::TestOrganizationList",
    "ckan/tests/controllers/test_organization.py::TestOrganizationRead",
    "ckan/tests/controllers/test_organization.py::TestOrganizationBulkProcess",
    "ckan/tests/controllers/test_organization.py::TestOrganizationSearch",
    "ckan/tests/controllers/test_organization.py::TestOrganizationInnerSearch",
    "ckan/tests/cli/test_search_index.py",
]


# ckanext-dcat's own tests of the endpoints that page through search results
# (/catalog.*, content negotiation), with its default profiles.
DCAT_COMPAT_TESTS = [
    "ckanext/dcat/tests/test_blueprints.py::TestEndpoints",
    "ckanext/dcat/tests/test_blueprints.py::TestAcceptHeader",
]


def cmd_compat(args: argparse.Namespace) -> int:
    site = Path(subprocess.check_output(
        [str(BIN / "python"), "-c", "import ckan, os; print(os.path.dirname(os.path.dirname(ckan.__file__)))"],
        text=True).strip())
    _supply_missing_schema_files(site)
    targets = list(args.pytest_args)
    chosen = any(not a.startswith("-") for a in targets)
    args.cwd = site
    # Seeded like our suite: CKAN's factories draw titles with Faker, and one unlucky
    # word once failed TestPackageQuery::test_name_multiple_results.
    config = ["-c", str(ROOT / "tests" / "compat" / "pytest.ini"), f"--rootdir={site}",
              "-p", "random_seed", "-p", "solr_settings"]
    # CKAN's own suites run without our plugin, whose middleware is what takes the Redis
    # client of server-side sessions out of the config that CKAN's fixtures deep-copy:
    # they run on CKAN's default (cookie) sessions, as upstream does.
    core = ("SESSION_TYPE",)
    if chosen:
        return _test_stack(args, plugins="", locale="en", unset=core,
                           pytest_args=[*config, *targets])
    rc = _test_stack(args, plugins="", locale="en", unset=core,
                     pytest_args=[*config, *targets, *(str(site / t) for t in COMPAT_TESTS)])
    rc_dcat = _test_stack(args, plugins="dcat", locale="en",
                          unset=("ckanext.dcat.rdf.profiles", *core),
                          pytest_args=[*config, *targets,
                                       *(str(site / t) for t in DCAT_COMPAT_TESTS)])
    return rc or rc_dcat


def _supply_missing_schema_files(site: Path) -> None:
    """CKAN's wheel lacks two schema files its own search tests read; we ship them."""
    src = ROOT / "tests" / "compat" / "data"
    dest = site / "ckan" / "tests" / "lib" / "search" / "data"
    for name in ("schema-no-version.xml", "schema-wrong-version.xml"):
        if (src / name).exists() and not (dest / name).exists():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy(src / name, dest / name)


def cmd_ckan(args: argparse.Namespace) -> int:
    ini = VAR / "ckan.ini"
    if not ini.exists():
        raise StackError("var/ckan.ini does not exist yet: start the portal once with `make run`")
    return subprocess.run([CKAN, "-c", str(ini), *args.pytest_args], check=False).returncode


COMMANDS = {"run": cmd_run, "test": cmd_test, "compat": cmd_compat, "ckan": cmd_ckan}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    # Everything after the command goes to pytest or ckan untouched.
    args = argparse.Namespace(pytest_args=argv[1:], cwd=None)
    try:
        return COMMANDS[argv[0]](args)
    except StackError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
