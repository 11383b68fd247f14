"""The portal's settings with the benchmark's URLconf: the bare comparison views of
benchmarks/run.py exist only in a server started with DJANGO_SETTINGS_MODULE=benchmarks.settings."""

from vetgroup.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
