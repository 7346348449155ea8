#!/usr/bin/env python3
"""Which OpenBLAS kernel NumPy runs in this process: its core name (e.g. "SkylakeX", "Haswell") and config line.

Run as a script it prints one JSON line: {"numpy": version, "openblasCore": name or null, "openblasConfig": ...}.

The core is asked of the library at run time. `numpy.show_config()` is no use here: its "openblas
configuration" is the build machine's (a wheel says "Haswell" whatever the CPU), while OpenBLAS picks its
kernel when it loads, from the CPU and from OPENBLAS_CORETYPE if that is set.
"""
import ctypes
import glob
import json
import os

import numpy as np

# The names OpenBLAS exports, plain and as NumPy's wheels rename them (scipy-openblas, 64-bit integers).
CORENAME = ("openblas_get_corename", "openblas_get_corename64_", "scipy_openblas_get_corename64_", "scipy_openblas_get_corename")
CONFIG = ("openblas_get_config", "openblas_get_config64_", "scipy_openblas_get_config64_", "scipy_openblas_get_config")


def _loaded_libraries():
    """Files of the OpenBLAS libraries in this process: from /proc (Linux), else beside NumPy (wheels)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split(None, 5)[-1].strip() for line in maps if "openblas" in line.lower()}
        found = sorted(path for path in paths if path.startswith("/"))
        if found:
            return found
    except OSError:
        pass
    root = os.path.dirname(np.__file__)
    return sorted(glob.glob(os.path.join(root, "..", "numpy.libs", "*openblas*")) + glob.glob(os.path.join(root, ".dylibs", "*openblas*")))


def _call(lib, names):
    for name in names:
        if hasattr(lib, name):
            function = getattr(lib, name)
            function.restype = ctypes.c_char_p
            return function().decode().strip()
    return None


def _from_threadpoolctl():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    for info in threadpool_info():
        if info.get("internal_api") == "openblas" and info.get("architecture"):
            return {"openblasCore": info["architecture"], "openblasConfig": None}
    return None


def openblas_core():
    """{"openblasCore", "openblasConfig"} of the OpenBLAS NumPy uses; both None where NumPy uses another BLAS."""
    np.ones((2, 2), dtype=np.float32) @ np.ones((2, 2), dtype=np.float32)  # loads the BLAS if NumPy defers it
    for path in _loaded_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        core = _call(lib, CORENAME)
        if core:
            return {"openblasCore": core, "openblasConfig": _call(lib, CONFIG)}
    return _from_threadpoolctl() or {"openblasCore": None, "openblasConfig": None}


if __name__ == "__main__":
    print(json.dumps({"numpy": np.__version__, **openblas_core()}))
