#!/usr/bin/env python3
"""The two commands of the README.

    python3 dev.py start   set up everything and run the portal with a Celery worker
    python3 dev.py test    run the whole test suite: ruff, then pytest (extra arguments go to it)

Only the Python standard library is used here: this script creates the virtual environment.
"""

import hashlib
import os
import secrets
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
DATA = Path(os.environ.get("VETGROUP_DATA_DIR", ROOT / "data"))


def run(*args: str | Path, env: dict | None = None) -> None:
    subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True)


def ensure_venv() -> None:
    """Create .venv and install the project; reinstall only when pyproject.toml changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older python3
        sys.exit("vetgroup needs Python 3.11 or newer.")
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...")
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        print("Installing dependencies (first run takes a minute) ...")
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        stamp.write_text(wanted)


def local_env() -> dict:
    """Environment for a local run: DEBUG on and a secret key made once and kept in data/."""
    DATA.mkdir(parents=True, exist_ok=True)
    key_file = DATA / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    env.setdefault("SECRET_KEY", key_file.read_text().strip())
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def serve_env(env: dict) -> dict:
    """PORT (default 8000) for the web server, and SITE_URL from it unless set: links in mails
    (invitations, decisions) lead to where this portal runs."""
    port = env.get("PORT") or "8000"
    return {"SITE_URL": f"http://127.0.0.1:{port}", **env, "PORT": port}


def start() -> int:
    ensure_venv()
    env = local_env()
    run(PYTHON, "manage.py", "migrate", "--noinput", env=env)
    run(PYTHON, "manage.py", "load_demo", env=env)
    env = serve_env(env)
    print(
        f"\nThe portal runs at http://127.0.0.1:{env['PORT']}/ with a Celery worker. "
        "Ctrl-C stops both.\n"
    )
    return subprocess.call([str(BIN / "honcho"), "start", "-f", "Procfile.dev"], cwd=ROOT, env=env)


def test(pytest_args: list[str]) -> int:
    ensure_venv()
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    lint = subprocess.call([str(BIN / "ruff"), "check", "."], cwd=ROOT, env=env)
    if lint:
        return lint
    return subprocess.call([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT, env=env)


def main() -> int:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "start":
        return start()
    if command == "test":
        return test(rest)
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main())
