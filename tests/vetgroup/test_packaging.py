"""The built wheel holds every app of the project: its modules, migrations, templates and
translations (a wheel without the datacalls app once passed unnoticed)."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

pytestmark = pytest.mark.slow


def _project_apps() -> list[Path]:
    """The folders of the installed apps that live in this repository."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        Path(config.path).resolve()
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == root
    ]


def _build_wheel(tmp_path: Path) -> zipfile.ZipFile:
    root = Path(settings.BASE_DIR)
    source = tmp_path / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for app in _project_apps():
        shutil.copytree(app, source / app.name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), source],
        check=True,
        capture_output=True,
    )
    return zipfile.ZipFile(next(tmp_path.glob("vetgroup-*.whl")))


def test_the_wheel_holds_every_app_with_its_files(tmp_path):
    app_folders = _project_apps()
    assert {"vetgroup", "members", "datacalls", "website"} <= {a.name for a in app_folders}
    in_wheel = set(_build_wheel(tmp_path).namelist())
    root = Path(settings.BASE_DIR).resolve()
    missing = [
        str(path.relative_to(root))
        for app in app_folders
        for path in app.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        if path.relative_to(root).as_posix() not in in_wheel
    ]
    assert missing == []
