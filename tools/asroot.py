"""PostgreSQL under root: it runs as `nobody`, from places `nobody` can reach.

PostgreSQL refuses to run as root, so when root starts `make run` or `make test` (CI, a
container, a fresh VM) the server runs as `nobody`. A checkout in root's home directory
(mode 700 by default) is out of nobody's reach: neither pgserver's binaries inside `.venv`
nor a data directory under `var/` can be opened. Rather than asking the user to open up
their home directory, the binaries are copied once, and the data directory kept, under a
root-owned directory that nobody may traverse but not list (`/var/lib/govopen`, or
`/var/tmp/govopen` where /var/lib is read-only). Everything else (Redis, searchd, CKAN)
runs as the user and stays in `var/`.

Imports nothing of CKAN, like services.py.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pwd
import shutil
from pathlib import Path

USER = "nobody"
BASES = (Path("/var/lib/govopen"), Path("/var/tmp/govopen"))


def pg_user() -> str | None:
    """PostgreSQL refuses to run as root: use `nobody` then."""
    return USER if os.geteuid() == 0 else None


def reachable(path: Path, user: str | None) -> bool:
    """Can `user` (None: the current one) reach `path`, given only the o+x bits?"""
    if user is None:
        return True
    return all(p.stat().st_mode & 0o001 for p in path.resolve().parents)


def first_blocked(path: Path) -> Path | None:
    """The first parent directory that others may not enter, if any."""
    return next((p for p in reversed(path.resolve().parents) if not p.stat().st_mode & 0o001), None)


def _base() -> Path:
    for base in BASES:
        with contextlib.suppress(OSError):
            base.mkdir(parents=True, exist_ok=True)
            # Traversable, not listable: nobody finds only the paths it is told.
            base.chmod(0o711)
            if os.access(base, os.W_OK):
                return base
    raise OSError(f"cannot create any of {', '.join(map(str, BASES))}")


def key(path: Path) -> str:
    """A short stable name for a checkout's var/ (or for a binaries' location)."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]


def pg_datadir_for(var_pg: Path) -> tuple[Path, str | None]:
    """Where PostgreSQL keeps the data of `var_pg`, and a line saying why if elsewhere."""
    user = pg_user()
    if reachable(var_pg, user):
        return var_pg, None
    blocked = first_blocked(var_pg)
    place = _base() / key(var_pg) / "pg"
    place.parent.mkdir(exist_ok=True)
    place.parent.chmod(0o711)  # explicitly: make run's umask is 077
    return place, (f"PostgreSQL runs as {user} (it refuses root) and {user} cannot enter "
                   f"{blocked}: its data is kept in {place}")


def stale_datadir(var_pg: Path) -> Path | None:
    """The data directory kept outside `var/` for this checkout, if there is one."""
    for base in BASES:
        place = base / key(var_pg) / "pg"
        if place.exists():
            return place
    return None


def reachable_bindir(bindir: Path) -> tuple[Path, str | None]:
    """pgserver's `bindir`, or a copy of its install that nobody can reach.

    pgserver's programs find their shared libraries at `../../../pgserver.libs` relative
    to `bin/` (auditwheel's layout), so the copy keeps that shape.
    """
    user = pg_user()
    if reachable(bindir / "postgres", user):
        return bindir, None
    install = bindir.parent                      # …/site-packages/pgserver/pginstall
    site = install.parent.parent                 # …/site-packages
    dest = _base() / f"pgserver-{key(install)}"
    copied = dest / "pgserver" / "pginstall" / "bin"
    stamp = dest / ".complete"
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Two runs starting at once (CI runs CKAN's suites beside ours) copy it once.
    with open(dest.with_name(dest.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.read_text() != _fingerprint(bindir):
            _copy_install(install, site, dest, _fingerprint(bindir))
    return copied, (f"PostgreSQL runs as {user} (it refuses root) and {user} cannot enter "
                    f"{first_blocked(bindir)}: using a copy of pgserver's binaries in {dest}")


def _copy_install(install: Path, site: Path, dest: Path, fingerprint: str) -> None:
    """Copy pgserver's install to `dest` through a temporary directory (all or nothing)."""
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    for part in ("bin", "lib", "share"):
        shutil.copytree(install / part, tmp / "pgserver" / "pginstall" / part, symlinks=True)
    if (site / "pgserver.libs").is_dir():
        shutil.copytree(site / "pgserver.libs", tmp / "pgserver.libs", symlinks=True)
    for p in [tmp, *tmp.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() or os.access(p, os.X_OK) else 0o644)
    (tmp / ".complete").write_text(fingerprint)
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)


def _fingerprint(bindir: Path) -> str:
    """Changes when pgserver is upgraded in place, so the copy is refreshed."""
    st = (bindir / "postgres").stat()
    return f"{st.st_size}:{int(st.st_mtime)}"


def chown_tree(path: Path, user: str | None) -> None:
    if user is None:
        return
    entry = pwd.getpwnam(user)
    for p in [path, *path.rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
