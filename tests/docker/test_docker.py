"""docker/ agrees with the rest of the project; no Docker engine or service is needed.

    .venv/bin/pytest -p no:ckan -p no:ckan_fixtures tests/docker -q

Nothing in docker/ can be built or run on the development machines, so these tests hold it
to what can be read here: tools/stack.py (plugins, worker queues), config/ckan.ini.tmpl,
requirements/run.txt, setup.py, the installed CKAN (its version, its env-var names, its
config declaration and that of every plugin) and the files of docker/ against each other.
"""
from __future__ import annotations

import ast
import configparser
import functools
import importlib.metadata
import importlib.util
import re
import shlex
import string
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE = DOCKER / "compose.yaml"
DOCKERFILE = DOCKER / "Dockerfile"
DOCKERIGNORE = DOCKER / "Dockerfile.dockerignore"
ENV_EXAMPLE = DOCKER / ".env.example"
NGINX_CONF = DOCKER / "nginx" / "default.conf"
PG_INIT = DOCKER / "postgres" / "initdb.d" / "10-govopen.sh"
WORKER_SCRIPT = DOCKER / "start_worker.sh"
STACK = ROOT / "tools" / "stack.py"
TEMPLATE = ROOT / "config" / "ckan.ini.tmpl"
RUN_TXT = ROOT / "requirements" / "run.txt"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
GOVOPEN_DECLARATION = ROOT / "ckanext-govopen" / "ckanext" / "govopen" / "config_declaration.yaml"

# Conventions of CKAN's base image (github.com/ckan/ckan-docker-base, ckan-2.11/Dockerfile
# and setup/start_ckan.sh, setup/prerun.py); they cannot be read from here.
BASE_APP_DIR = "/srv/app"
BASE_ENV = {"APP_DIR": BASE_APP_DIR, "SRC_DIR": f"{BASE_APP_DIR}/src",
            "CKAN_INI": f"{BASE_APP_DIR}/ckan.ini"}
ENVVARS_PLUGIN = "envvars"  # ckanext-envvars, installed by the base image
# Variables the base image's scripts read, not CKAN's configuration.
BASE_IMAGE_VARS = {
    "CKAN_INI", "UWSGI_OPTS", "EXTRA_UWSGI_OPTS", "UWSGI_HARAKIRI", "MAINTENANCE_MODE",
    "CKAN_SYSADMIN_NAME", "CKAN_SYSADMIN_PASSWORD", "CKAN_SYSADMIN_EMAIL", "TZ",
}
OFFICIAL_BASE_REPO = "https://github.com/ckan/ckan-docker-base.git"
REQUIRED_SERVICES = {"ckan", "worker", "db", "solr", "redis", "nginx"}


# --- readers ---------------------------------------------------------------------------


def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_ini = _load_module("govopen_docker_render_ini", DOCKER / "render_ini.py")


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def services() -> dict:
    return compose()["services"]


def resolved_services() -> dict:
    """The services as compose sees them with .env.example's settings and test secrets."""
    example = env_example() | {"SECRET_KEY": "s" * 43, "JWT_SECRET": "j" * 43,
                               "STORAGE_KEY": "k" * 43,
                               "POSTGRES_PASSWORD": "p" * 24, "CKAN_DB_PASSWORD": "c" * 24,
                               "DATASTORE_RO_PASSWORD": "r" * 24,
                               "CKAN_SITE_URL": "https://data.example.gov.cn"}
    return yaml.safe_load(interpolate(COMPOSE.read_text(encoding="utf-8"), example))["services"]


def running_services() -> dict:
    """Services `docker compose up` starts (not the build-only ones behind a profile)."""
    return {n: s for n, s in services().items() if not s.get("profiles")}


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep, f".env.example: not NAME=value: {line!r}"
        assert name not in values, f".env.example lists {name} twice"
        values[name.strip()] = value.strip().strip("'\"")
    return values


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = (":-", ":?", ":+", "-", "?", "+")


def interpolations(text: str) -> Iterator[tuple[str, str | None, str]]:
    """(name, operator, argument) of every ${...} / $NAME compose interpolates in text."""
    i = 0
    while i < len(text):
        if text[i] != "$":
            i += 1
            continue
        if text.startswith("$$", i):
            i += 2
            continue
        if text.startswith("${", i):
            depth, j = 1, i + 2
            while depth:
                if j >= len(text):
                    raise AssertionError(f"unclosed ${{ at {text[i:i + 40]!r}")
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            body = text[i + 2:j - 1]
            m = _NAME.match(body)
            assert m, f"bad interpolation ${{{body}}}"
            rest = body[m.end():]
            op = next((o for o in _OPERATORS if rest.startswith(o)), None)
            assert rest == "" or op, f"bad interpolation ${{{body}}}"
            arg = rest[len(op):] if op else ""
            yield m.group(), op, arg
            yield from interpolations(arg)
            i = j
            continue
        m = _NAME.match(text, i + 1)
        if m:
            yield m.group(), None, ""
            i = m.end()
        else:
            i += 1


def interpolate(text: str, env: dict[str, str]) -> str:
    """text with compose's interpolation applied against env."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            depth, j = 1, i + 2
            while depth:
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            body = text[i + 2:j - 1]
            name = _NAME.match(body).group()
            rest = body[len(name):]
            op = next((o for o in _OPERATORS if rest.startswith(o)), None)
            arg = rest[len(op):] if op else ""
            value = env.get(name)
            if op in (":-", "-"):
                unset = value is None or (op == ":-" and value == "")
                out.append(interpolate(arg, env) if unset else value)
            elif op in (":?", "?"):
                if value is None or (op == ":?" and value == ""):
                    raise KeyError(f"{name}: {arg}")
                out.append(value)
            elif op in (":+", "+"):
                out.append(interpolate(arg, env) if value else "")
            else:
                out.append(value or "")
            i = j
        elif text[i] == "$" and _NAME.match(text, i + 1):
            m = _NAME.match(text, i + 1)
            out.append(env.get(m.group(), ""))
            i = m.end()
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions, current = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not current):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            word, _, args = current.strip().partition(" ")
            instructions.append((word.upper(), args.strip()))
        current = ""
    assert not current, "Dockerfile ends inside a continuation line"
    return instructions


def dockerfile_args() -> dict[str, str]:
    """Default values of the ARGs declared before the first FROM."""
    args = {}
    for word, rest in dockerfile():
        if word == "FROM":
            break
        if word == "ARG":
            name, _, default = rest.partition("=")
            args[name] = default
    return args


def dockerfile_env() -> dict[str, str]:
    env = {}
    for word, rest in dockerfile():
        if word == "ENV":
            for token in shlex.split(rest):
                name, sep, value = token.partition("=")
                assert sep, f"ENV without '=': {rest}"
                env[name] = value
    return env


def expand(text: str, variables: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: variables[m.group(1) or m.group(2)], text)


def copies() -> list[tuple[list[str], str]]:
    """(sources, destination) of every COPY from the build context."""
    result = []
    for word, rest in dockerfile():
        if word in ("COPY", "ADD"):
            tokens = shlex.split(rest)
            if any(t.startswith("--from=") for t in tokens):
                continue
            paths = [t for t in tokens if not t.startswith("--")]
            result.append((paths[:-1], expand(paths[-1], BASE_ENV)))
    return result


def run_commands() -> list[str]:
    return [rest for word, rest in dockerfile() if word == "RUN"]


def stack_plugins() -> list[str]:
    return render_ini.stack_plugins(STACK).split()


def docker_plugins() -> list[str]:
    return [*stack_plugins(), ENVVARS_PLUGIN]


def stack_worker_queues() -> list[str]:
    """The queues tools/stack.py's worker listens on: the strings after 'jobs', 'worker'."""
    tree = ast.parse(STACK.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.List):
            values = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
            for k in range(len(values) - 1):
                if values[k:k + 2] == ["jobs", "worker"]:
                    queues = values[k + 2:]
                    assert queues and all(isinstance(q, str) for q in queues), values
                    found.append(queues)
    assert len(found) == 1, f"tools/stack.py: expected one `jobs worker` command, found {found}"
    return found[0]


def rendered_ini() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # CKAN keeps the case of keys (SECRET_KEY)
    parser.read_string(render_ini.render(TEMPLATE.read_text(encoding="utf-8"),
                                         " ".join(docker_plugins())))
    return parser


def pins(path: Path) -> dict[str, str]:
    result = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, _, version = line.partition("==")
            result[canonicalize_name(name.split("[")[0])] = version.strip()
    return result


def installed_ckan_version() -> str:
    return importlib.metadata.version("ckan")


def setup_python_requires() -> str:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "python_requires":
            return ast.literal_eval(node.value)
    raise AssertionError("setup.py has no python_requires")


# --- which environment variables CKAN reads ---------------------------------------------


def core_env_vars() -> dict[str, str]:
    """CKAN's own env vars (ckan.config.environment.CONFIG_FROM_ENV_VARS): name -> key."""
    from ckan.config.environment import CONFIG_FROM_ENV_VARS

    return {env: key for key, env in CONFIG_FROM_ENV_VARS.items()}


def template_keys() -> set[str]:
    return set(rendered_ini()["app:main"].keys()) - set(rendered_ini().defaults())


@functools.cache
def declared_keys() -> frozenset[str]:
    """Every config key CKAN, the docker plugins and our templates know."""
    from ckan.config.declaration import Declaration

    declaration = Declaration()
    declaration.load_core_declaration()
    for plugin in stack_plugins():
        declaration.load_plugin(plugin)
    keys = {str(k) for k in declaration.iter_options()}
    ours = yaml.safe_load(GOVOPEN_DECLARATION.read_text(encoding="utf-8"))
    keys |= {o["key"] for g in ours.get("groups", []) for o in g.get("options", [])}
    return frozenset(keys | template_keys())


def envvars_key(name: str, declared: set[str]) -> str:
    """The config key ckanext-envvars (>= 0.0.4) sets from variable `name`."""
    key = name.removeprefix("CKAN___")
    if key in declared:  # declared keys keep their case: CKAN___SECRET_KEY -> SECRET_KEY
        return key
    return key.lower().replace("__", ".")


def unrecognized(names: list[str], declared: set[str]) -> list[str]:
    """Names among `names` that neither CKAN nor the base image would act on, with why."""
    core = core_env_vars()
    problems = []
    for name in names:
        if name in core:
            if core[name] not in declared:
                problems.append(f"{name}: CKAN maps it to {core[name]}, which is not declared")
        elif name.startswith(("CKAN___", "CKAN__", "CKANEXT__")):
            key = envvars_key(name, declared)
            if key not in declared:
                problems.append(f"{name}: ckanext-envvars maps it to {key!r}, no such option")
        elif name not in BASE_IMAGE_VARS:
            problems.append(f"{name}: not a CKAN variable, nor one the base image reads")
    return problems


# --- services -----------------------------------------------------------------------------


def test_every_service_is_there_and_has_a_healthcheck():
    running = running_services()
    assert set(running) >= REQUIRED_SERVICES, sorted(REQUIRED_SERVICES - set(running))
    for name, service in running.items():
        check = service.get("healthcheck") or {}
        assert not check.get("disable"), name
        test = check.get("test")
        assert isinstance(test, list) and test[0] in ("CMD", "CMD-SHELL") and len(test) > 1, (
            f"{name}: healthcheck test must run a command, got {test!r}")
        assert service.get("restart") in ("unless-stopped", "always"), name


def test_images_are_the_expected_ones():
    s = services()
    assert re.fullmatch(r"postgres:16(\.\d+)*(-[\w.]+)?", s["db"]["image"])
    assert s["solr"]["image"] == "ckan/ckan-solr:2.11-solr9"
    assert re.fullmatch(r"redis:7(\.\d+)*(-[\w.]+)?", s["redis"]["image"])
    assert s["nginx"]["image"].startswith("nginx:")
    assert s["ckan"]["image"] == s["worker"]["image"]
    assert s["ckan"]["build"] == s["worker"]["build"]
    build = s["ckan"]["build"]
    assert (COMPOSE.parent / build["context"]).resolve() == ROOT
    assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE


def test_data_lives_in_named_volumes():
    s, declared = services(), set(compose().get("volumes") or {})
    storage = environment(s["ckan"])["CKAN_STORAGE_PATH"]
    assert storage == render_ini.PRODUCTION_VALUES["storage_path"]
    expected = {"db": "/var/lib/postgresql/data", "solr": "/var/solr", "redis": "/data",
                "ckan": storage, "worker": storage}
    sources = {}
    for name, target in expected.items():
        mounts = dict(reversed(v.split(":")[:2]) for v in s[name].get("volumes", []))
        assert target in mounts, f"{name}: nothing mounted at {target}"
        assert mounts[target] in declared, f"{name}: {mounts[target]} is not a named volume"
        sources[name] = mounts[target]
    assert sources["ckan"] == sources["worker"], "web and worker must share the uploads"
    assert len({sources[n] for n in ("db", "solr", "redis", "ckan")}) == 4


def test_services_wait_for_what_they_need_to_be_healthy():
    s = running_services()
    needs = {"ckan": {"db", "solr", "redis"}, "worker": {"ckan", "redis"}, "nginx": {"ckan"}}
    for name, deps in needs.items():
        depends = s[name].get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: depends_on needs conditions"
        assert deps <= set(depends), f"{name} does not wait for {deps - set(depends)}"
    for name, service in s.items():
        for dep, cond in (service.get("depends_on") or {}).items():
            assert cond.get("condition") == "service_healthy", f"{name} -> {dep}"
            assert s[dep].get("healthcheck"), f"{name} waits for {dep}, which has no healthcheck"


def ckan_port() -> int:
    test = services()["ckan"]["healthcheck"]["test"]
    urls = [urlsplit(t) for t in test if t.startswith("http")]
    assert len(urls) == 1, test
    assert urls[0].path == "/api/3/action/status_show"
    assert urls[0].hostname in ("localhost", "127.0.0.1")
    return urls[0].port


def test_ckan_healthcheck_asks_status_show_on_the_exposed_port():
    exposed = [rest.split("/")[0] for word, rest in dockerfile() if word == "EXPOSE"]
    assert exposed == [str(ckan_port())]


def test_service_urls_name_the_services_and_the_database_the_init_script_makes():
    env, s = environment(resolved_services()["ckan"]), services()
    solr = urlsplit(env["CKAN_SOLR_URL"])
    assert (solr.hostname, solr.port, solr.path) == ("solr", 8983, "/solr/ckan")
    assert str(solr.port) in " ".join(s["solr"]["healthcheck"]["test"])
    redis_url = urlsplit(env["CKAN_REDIS_URL"])
    assert redis_url.hostname == "redis" and redis_url.scheme == "redis"
    db = urlsplit(env["CKAN_SQLALCHEMY_URL"])
    assert db.scheme.startswith("postgresql") and db.hostname == "db"
    name = db.path.lstrip("/")
    script = PG_INIT.read_text(encoding="utf-8")
    assert re.search(rf"CREATE ROLE {re.escape(db.username)} LOGIN", script)
    assert re.search(rf"CREATE DATABASE {re.escape(name)} OWNER {re.escape(db.username)}\b",
                     script)
    assert db.password == "c" * 24, "the ckan role's password is CKAN_DB_PASSWORD"
    assert "CKAN_DB_PASSWORD" in environment(s["db"])
    check = s["db"]["healthcheck"]["test"]
    assert check[check.index("-d") + 1] == name
    assert any(v.endswith(":/docker-entrypoint-initdb.d:ro") for v in s["db"]["volumes"])
    assert (COMPOSE.parent / "postgres" / "initdb.d").is_dir()


# --- configuration through the environment ------------------------------------------------


@pytest.mark.parametrize("service", ["ckan", "worker"])
def test_every_ckan_variable_is_one_ckan_reads(service):
    names = list(environment(services()[service]))
    assert unrecognized(names, declared_keys()) == []


def test_dockerfile_variables_are_ones_ckan_reads():
    names = [n for n in dockerfile_env() if n.startswith("CKAN")]
    assert names, "the Dockerfile sets no CKAN variable (CKAN__PLUGINS expected)"
    assert unrecognized(names, declared_keys()) == []


def test_the_variable_check_itself_rejects_typos():
    declared = declared_keys()
    assert unrecognized(["CKAN___SECRET_KEY", "CKAN__LOCALE_DEFAULT", "CKAN_SITE_URL",
                         "CKAN___API_TOKEN__JWT__ENCODE__SECRET"], declared) == []
    assert envvars_key("CKAN___SECRET_KEY", declared) == "SECRET_KEY"
    assert envvars_key("CKAN__LOCALE_DEFAULT", declared) == "ckan.locale_default"
    bad = ["CKAN__LOCALE_DEFUALT", "CKAN_SQLALCHEMY_URI", "CKAN___BEAKER__SESSION__SECRET",
           "SECRET_KEY"]
    assert [p.split(":")[0] for p in unrecognized(bad, declared)] == bad


def test_web_and_worker_share_the_ckan_configuration():
    web, worker = environment(services()["ckan"]), environment(services()["worker"])
    ckan_vars = {n for n in web if n.startswith("CKAN")}
    assert {n for n in worker if n.startswith("CKAN")} == ckan_vars
    assert {n: web[n] for n in ckan_vars} == {n: worker[n] for n in ckan_vars}
    for name in ("CKAN_SITE_ID", "CKAN_REDIS_URL", "CKAN___SECRET_KEY",
                 "CKAN___API_TOKEN__JWT__ENCODE__SECRET", "CKAN___API_TOKEN__JWT__DECODE__SECRET"):
        assert name in ckan_vars, f"{name} must be set for web and worker alike"
    assert web["CKAN___API_TOKEN__JWT__ENCODE__SECRET"] == web["CKAN___API_TOKEN__JWT__DECODE__SECRET"]


def test_env_example_lists_every_variable_compose_interpolates():
    found = list(interpolations(COMPOSE.read_text(encoding="utf-8")))
    example = env_example()
    assert {name for name, _, _ in found} == set(example)
    defaults: dict[str, set[str]] = {}
    for name, op, arg in found:
        if op in (":-", "-"):
            defaults.setdefault(name, set()).add(arg)
        if op in (":?", "?"):
            assert example[name] == "", f"{name} is required: .env.example must not fill it in"
    for name, values in defaults.items():
        assert len(values) == 1, f"{name} has different defaults in compose.yaml: {values}"
        assert example[name] == values.pop(), f".env.example's {name} differs from compose's"


def test_env_example_explains_every_variable():
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for before, line in zip(["", *lines], lines):
        if re.match(r"[A-Za-z_]\w*=", line):
            assert before.startswith("#"), f".env.example: no comment above {line!r}"


def test_no_secret_has_a_default_and_nothing_needs_percent_escaping():
    example = env_example()
    for name in ("SECRET_KEY", "JWT_SECRET", "STORAGE_KEY", "POSTGRES_PASSWORD",
                 "CKAN_DB_PASSWORD", "DATASTORE_RO_PASSWORD", "CKAN_SITE_URL"):
        assert example[name] == ""
        with pytest.raises(KeyError):
            interpolate(COMPOSE.read_text(encoding="utf-8"), {k: v for k, v in example.items()
                                                               if k != name} | {name: ""})
    assert not [n for n, v in example.items() if "%" in v]
    for service in ("ckan", "worker"):
        assert not [n for n, v in environment(services()[service]).items() if "%" in v]


def test_compose_resolves_with_the_example_settings_filled_in():
    env = environment(resolved_services()["ckan"])
    assert env["CKAN_SQLALCHEMY_URL"] == "postgresql://ckan:" + "c" * 24 + "@db:5432/ckan"
    assert env["CKAN___API_TOKEN__JWT__DECODE__SECRET"] == "string:" + "j" * 43
    assert env["CKAN_MAX_UPLOAD_SIZE_MB"].isdigit()


def test_the_datastore_urls_name_the_database_and_role_the_init_script_makes():
    env = environment(resolved_services()["ckan"])
    write = urlsplit(env["CKAN_DATASTORE_WRITE_URL"])
    read = urlsplit(env["CKAN_DATASTORE_READ_URL"])
    assert (write.hostname, write.path, write.username) == ("db", "/ckan_datastore", "ckan")
    assert (read.hostname, read.path, read.password) == ("db", "/ckan_datastore", "r" * 24)
    assert read.username != write.username and write.path != urlsplit(
        env["CKAN_SQLALCHEMY_URL"]).path, "CKAN refuses a DataStore sharing either"
    script = (PG_INIT.parent / "20-datastore.sh").read_text(encoding="utf-8")
    assert re.search(rf"CREATE ROLE {read.username} LOGIN NOSUPERUSER", script)
    assert "CREATE DATABASE ckan_datastore OWNER ckan" in script
    assert "DATASTORE_RO_PASSWORD" in environment(services()["db"])


# --- plugins and queues --------------------------------------------------------------------


def test_docker_plugins_are_stack_plugins_then_envvars():
    expected = docker_plugins()
    assert ENVVARS_PLUGIN not in stack_plugins()
    for service in ("ckan", "worker"):
        assert environment(services()[service])["CKAN__PLUGINS"].split() == expected, service
    assert dockerfile_env()["CKAN__PLUGINS"].split() == expected
    assert rendered_ini()["app:main"]["ckan.plugins"].split() == expected


def test_the_image_installs_every_plugin():
    providers = {ep.name: canonicalize_name(ep.dist.name)
                 for ep in importlib.metadata.entry_points(group="ckan.plugins")}
    installed_by_image = {"ckan", "ckanext-govopen", *pins(RUN_TXT)}
    for plugin in stack_plugins():
        assert plugin in providers, f"no installed package provides plugin {plugin}"
        assert providers[plugin] in installed_by_image, (
            f"{plugin} comes from {providers[plugin]}, which requirements/run.txt does not pin")


def test_worker_listens_on_the_queues_of_make_run():
    command = services()["worker"]["command"]
    script = f"{BASE_APP_DIR}/{WORKER_SCRIPT.name}"
    assert command == [script, *stack_worker_queues()]
    assert (["docker/start_worker.sh"], script) in copies()
    text = WORKER_SCRIPT.read_text(encoding="utf-8")
    assert re.search(r'^exec ckan -c "\$CKAN_INI" jobs worker "\$@"$', text, re.MULTILINE)
    assert "CKAN__PLUGINS" in text
    assert WORKER_SCRIPT.stat().st_mode & 0o111


# --- the Dockerfile ------------------------------------------------------------------------


def base_image() -> str:
    froms = [rest for word, rest in dockerfile() if word == "FROM"]
    assert len(froms) == 1, froms
    return expand(froms[0].split()[0], dockerfile_args())


def test_base_image_is_ckans_official_2_11_build_for_our_ckan_and_python():
    image = base_image()
    m = re.fullmatch(r"(?P<repo>[\w./-]+):(?P<ckan>\d+\.\d+\.\d+)-py(?P<py>\d+\.\d+)", image)
    assert m, f"base image {image!r} must be tagged <ckan version>-py<python version>"
    version = installed_ckan_version()
    assert version.startswith("2.11.") and m["ckan"] == version
    python = "{}.{}".format(*sys.version_info[:2])
    assert m["py"] == python, "the image must run the Python the tests run on"
    assert SpecifierSet(setup_python_requires()).contains(python + ".0")

    s = services()
    assert "CKAN_BASE_IMAGE" in dockerfile_args()
    assert s["ckan"]["build"]["args"]["CKAN_BASE_IMAGE"] == f"${{CKAN_BASE_IMAGE:-{image}}}"
    assert env_example()["CKAN_BASE_IMAGE"] == image
    base = s["ckan-base"]
    assert base["image"] == f"${{CKAN_BASE_IMAGE:-{image}}}"
    assert base.get("profiles"), "the base image is built on request, never started"
    url, _, ref_dir = base["build"]["context"].partition("#")
    assert url == OFFICIAL_BASE_REPO
    ref, _, subdir = ref_dir.partition(":")
    assert re.fullmatch(r"[0-9a-f]{40}", ref), "pin ckan-docker-base to a commit"
    assert subdir == "ckan-" + ".".join(version.split(".")[:2])
    assert base["build"]["args"] == {"ENV": "base", "CKAN_REF": f"ckan-{version}",
                                     "PYTHON_VERSION": python}


def test_dockerfile_installs_the_pinned_requirements():
    run, constraints = pins(RUN_TXT), pins(CONSTRAINTS)
    for name in ("ckanext-scheming", "ckanext-dcat"):
        assert name in run, f"requirements/run.txt must pin {name}=="
        assert constraints.get(name) == run[name], f"constraints.txt disagrees on {name}"
        assert importlib.metadata.version(name) == run[name], f"{name}: venv differs from pin"
    sources = {f"{dest.rstrip('/')}/{Path(src).name}" if dest.endswith("/") else dest: src
               for srcs, dest in copies() for src in srcs}
    installs = [shlex.split(cmd) for cmd in run_commands() if "-r" in shlex.split(cmd)]
    assert len(installs) == 1, "one RUN installs the requirements"
    tokens = installs[0]
    r = tokens[tokens.index("-r") + 1]
    c = tokens[tokens.index("-c") + 1]
    assert sources.get(r) == "requirements/run.txt"
    assert sources.get(c) == "requirements/constraints.txt"
    for cmd in run_commands():
        for name in ("ckanext-scheming", "ckanext-dcat", "ckanext_scheming", "ckanext_dcat"):
            assert name not in cmd, f"{name} must come only from requirements/run.txt"


def test_dockerfile_installs_the_extension_and_checks_the_plugins_import():
    dests = {Path(src).name: dest for srcs, dest in copies() for src in srcs}
    project = dests["setup.py"].rstrip("/")
    assert dests["ckanext-govopen"].rstrip("/") == f"{project}/ckanext-govopen"
    installs = [expand(cmd, BASE_ENV) for cmd in run_commands()
                if "pip install --no-deps -e ." in cmd]
    assert len(installs) == 1 and f'cd "{project}"' in installs[0]
    imports = re.search(r'python3 -c "import ([^;"]+);', installs[0])
    assert imports, "the build must import the plugins' modules"
    modules = {m.strip() for m in imports.group(1).split(",")}
    for ep in importlib.metadata.entry_points(group="ckan.plugins"):
        if ep.name in stack_plugins() and canonicalize_name(ep.dist.name) != "ckan":
            assert ep.module in modules, f"the build does not import {ep.module} ({ep.name})"


def test_dockerfile_renders_the_config_from_the_template():
    renders = [shlex.split(expand(cmd, BASE_ENV)) for cmd in run_commands()
               if "render_ini.py" in cmd]
    assert len(renders) == 1
    tokens = renders[0]
    copied = {src: dest for srcs, dest in copies() for src in srcs}
    for option, source in (("--template", "config/ckan.ini.tmpl"),
                           ("--stack", "tools/stack.py")):
        assert source in copied, f"the Dockerfile does not copy {source}"
        value = tokens[tokens.index(option) + 1]
        assert value == copied[source].rstrip("/") + "/" + Path(source).name, option
    assert tokens[tokens.index("--output") + 1] == BASE_ENV["CKAN_INI"]


def test_image_runs_as_the_base_images_unprivileged_user():
    users = [rest for word, rest in dockerfile() if word == "USER"]
    assert users and users[-1] == "ckan"


def test_build_context_lets_in_exactly_what_the_dockerfile_copies():
    patterns = [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*", "exclude everything first (var/ holds secrets)"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    for sources, _ in copies():
        for src in sources:
            src = src.rstrip("/")
            assert any(src == a or src.startswith(a + "/") for a in allowed), (
                f"COPY {src}: excluded by {DOCKERIGNORE.name}")
            assert (ROOT / src).exists(), f"COPY {src}: no such file"
    for private in ("var", ".venv", ".git", "tests", "seed"):
        assert not any(private == a or private.startswith(a + "/") for a in allowed), private


# --- the production ckan.ini ------------------------------------------------------------


def test_the_template_renders_without_a_secret():
    template = string.Template(TEMPLATE.read_text(encoding="utf-8"))
    assert set(template.get_identifiers()) == set(render_ini.PRODUCTION_VALUES) | {"plugins"}
    main = rendered_ini()["app:main"]
    assert "$" not in "".join(main.values())
    for key in ("SECRET_KEY", "WTF_CSRF_SECRET_KEY"):
        assert main[key] == "", f"{key} must come from the environment, not the image"
    for key in ("api_token.jwt.encode.secret", "api_token.jwt.decode.secret"):
        assert main[key] == "string:"
    env = environment(services()["ckan"])
    for key, name in (("ckan.site_url", "CKAN_SITE_URL"), ("sqlalchemy.url", "CKAN_SQLALCHEMY_URL"),
                      ("solr_url", "CKAN_SOLR_URL"), ("ckan.redis.url", "CKAN_REDIS_URL"),
                      ("ckan.site_id", "CKAN_SITE_ID"), ("ckan.storage_path", "CKAN_STORAGE_PATH")):
        assert key in main and name in env, f"compose must override {key} with {name}"
        assert core_env_vars()[name] == key


def test_render_ini_refuses_a_plugin_list_that_drifted(tmp_path, monkeypatch, capsys):
    out = tmp_path / "ckan.ini"
    argv = ["--template", str(TEMPLATE), "--stack", str(STACK), "--output", str(out)]
    monkeypatch.setenv("CKAN__PLUGINS", " ".join(stack_plugins()))  # envvars missing
    assert render_ini.main(argv) == 1 and not out.exists()
    assert "CKAN__PLUGINS" in capsys.readouterr().err
    monkeypatch.setenv("CKAN__PLUGINS", " ".join(docker_plugins()))
    assert render_ini.main(argv) == 0 and "ckan.plugins = " in out.read_text(encoding="utf-8")


# --- nginx ---------------------------------------------------------------------------------


def nginx_conf() -> str:
    return re.sub(r"#[^\n]*", "", NGINX_CONF.read_text(encoding="utf-8"))


def test_nginx_proxies_to_the_ckan_service_and_port():
    conf = nginx_conf()
    upstreams = dict(re.findall(r"upstream\s+(\S+)\s*\{([^}]*)\}", conf))
    passes = re.findall(r"proxy_pass\s+http://([^;/\s]+)", conf)
    assert passes and all(p in upstreams for p in passes), passes
    for name in set(passes):
        servers = re.findall(r"^\s*server\s+([^\s;:]+):(\d+)", upstreams[name], re.MULTILINE)
        assert servers == [("ckan", str(ckan_port()))]
    assert "ckan" in running_services()
    nginx = services()["nginx"]
    assert "./nginx/default.conf:/etc/nginx/templates/default.conf.template:ro" in nginx["volumes"]
    assert set(services()["ckan"]["networks"]) & set(nginx["networks"])
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"):
        assert re.search(rf"proxy_set_header\s+{header}\s", conf), header


def test_nginx_body_limit_is_ckans_upload_limit():
    conf = nginx_conf()
    limits = re.findall(r"client_max_body_size\s+([^;]+);", conf)
    assert len(limits) == 1
    m = re.fullmatch(r"\$\{(\w+)\}m", limits[0].strip())
    assert m, f"client_max_body_size must be the upload setting in MB, got {limits[0]!r}"
    variable = m.group(1)
    assert core_env_vars()[variable] == "ckan.max_resource_size"
    nginx_env, ckan_env = environment(services()["nginx"]), environment(services()["ckan"])
    assert nginx_env[variable] == ckan_env[variable], "nginx and CKAN must read one setting"
    flt = re.compile(nginx_env["NGINX_ENVSUBST_FILTER"])
    assert flt.search(variable)
    own = set(re.findall(r"\$(\w+)", conf)) - {variable}
    assert own and not [v for v in own if flt.search(v)], "envsubst would eat nginx variables"
    default = interpolate(ckan_env[variable], {})
    assert default == rendered_ini()["app:main"]["ckan.max_resource_size"], (
        "the production default upload limit differs from config/ckan.ini.tmpl's")
