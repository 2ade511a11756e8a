"""Run a loader's command line as a user would: from the folder holding their file, by name."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m module args...` run in `cwd` (the user's folder), the project importable."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
