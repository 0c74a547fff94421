"""The standard library guard for the Pyodide test run on a built site (run.mjs --site): the site's standard
library is pruned to what the runtime imports (cre_build.bundle_prep), but pytest and the tests need more. So the
full library is put last on sys.path for them, every import is noted (importer -> module), and when the run ends
every module reached from the bundle's code, directly or through the modules it imports, must have come from the
site's library: one that came from the full library is a module the browser lacks.

Run with exec() before anything else is imported; run.mjs calls report() after pytest."""

import builtins
import importlib
import importlib.machinery
import sys


class StdlibGuard:
    def __init__(self, full_library, runtime):
        self.full_library, self.runtime = full_library, runtime.rstrip("/") + "/"
        self.edges = {}
        self._import, self._import_module = builtins.__import__, importlib.import_module

    def install(self):
        sys.path.append(self.full_library)
        sys.meta_path.append(self)  # a module of a package the site's library holds only in part
        builtins.__import__ = self.guarded_import
        importlib.import_module = self.guarded_import_module

    def find_spec(self, name, path=None, target=None):
        """A submodule the site's package lacks, from the same package in the full library (last resort)."""
        if path is None:
            return None
        folder = f"{self.full_library}/{name.rpartition('.')[0].replace('.', '/')}"
        return importlib.machinery.PathFinder.find_spec(name, [folder])

    def note(self, importer, name):
        if importer:
            parts = name.split(".")
            self.edges.setdefault(importer, set()).update(".".join(parts[:n]) for n in range(1, len(parts) + 1))

    def guarded_import(self, name, globals=None, locals=None, fromlist=(), level=0):
        module = self._import(name, globals, locals, fromlist, level)
        importer = (globals or {}).get("__name__")
        if importer:
            full = name
            if level:
                package = globals.get("__package__") or importer.rpartition(".")[0]
                base = package.rsplit(".", level - 1)[0] if level > 1 else package
                full = f"{base}.{name}" if name else base
            self.note(importer, full)
            for item in fromlist or ():
                if f"{full}.{item}" in sys.modules:
                    self.note(importer, f"{full}.{item}")
        return module

    def guarded_import_module(self, name, package=None):
        module = self._import_module(name, package)
        self.note(sys._getframe(1).f_globals.get("__name__"), module.__name__)
        return module

    def missing(self):
        """[(module, how the bundle reached it)] for each module the bundle reached in the full library only."""
        def source(name):
            return getattr(sys.modules.get(name), "__file__", None) or ""

        reached = {name: [name] for name in list(sys.modules) if source(name).startswith(self.runtime)}
        queue = list(reached)
        while queue:
            importer = queue.pop()
            for name in sorted(self.edges.get(importer, ())):
                if name not in reached:
                    reached[name] = reached[importer] + [name]
                    queue.append(name)
        return sorted((name, " -> ".join(path)) for name, path in reached.items()
                      if source(name).startswith(self.full_library))

    def report(self):
        """Print what the site's library lacks; returns True when it lacks nothing."""
        missing = self.missing()
        for name, path in missing:
            print(f"stdlib guard: the site's standard library lacks {name} (reached: {path})", file=sys.stderr)
        return not missing
