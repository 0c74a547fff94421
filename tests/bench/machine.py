"""What the benchmark ran on: cores, CPU model, memory, OS, Chromium, Python and the pinned runtimes.

Only what makes two results comparable: never a host name, a user or a path.
"""

import json
import os
import platform
import re
import subprocess
from pathlib import Path

from e2e_support import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]


def _first(pattern, path):
    try:
        match = re.search(pattern, Path(path).read_text(encoding="utf-8"), re.MULTILINE)
    except OSError:
        return None
    return match[1].strip() if match else None


def _npm_version(package):
    return json.loads((ROOT / "node_modules" / package / "package.json").read_text(encoding="utf-8"))["version"]


def chromium_version():
    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60).stdout
    match = re.search(r"Chromium\s+([\d.]+)", out)
    return match[1] if match else out.strip()


def describe():
    memory_kb = _first(r"^MemTotal:\s+(\d+)", "/proc/meminfo")
    return {
        "cores": os.cpu_count(),
        "cpu": _first(r"^model name\s*:\s*(.+)$", "/proc/cpuinfo") or platform.processor() or platform.machine(),
        "memory_gib": round(int(memory_kb) / 1024 / 1024) if memory_kb else None,
        "os": _first(r'^PRETTY_NAME="?([^"\n]+)"?', "/etc/os-release") or platform.platform(),
        "chromium": chromium_version(),
        "python": platform.python_version(),
        "pyodide": _npm_version("pyodide"),
        "pyscript": _npm_version("@pyscript/core"),
    }
