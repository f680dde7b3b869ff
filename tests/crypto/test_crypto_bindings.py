"""Every libsodium binding of `crypto` sits in `crypto/primitives.py`, so a libsodium.js port maps one file.

The check reads the import statements of each module (not a grep for the word, which a docstring would trip) and
also walks the modules imported at run time, so an `importlib.import_module("nacl...")` would not slip through
the static half unnoticed by the dynamic half.
"""

from __future__ import annotations

import ast
import importlib
import pathlib
import types

import crypto

CRYPTO_DIR = pathlib.Path(crypto.__file__).parent
BINDINGS_MODULE = "primitives.py"


def _nacl_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "nacl"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "nacl":
            found.append(node.module or "")
    return found


def test_only_primitives_imports_nacl() -> None:
    modules = sorted(CRYPTO_DIR.glob("*.py"))
    assert len(modules) > 10  # the glob found the package, not an empty directory
    offenders = {
        path.name: _nacl_imports(path.read_text(encoding="utf-8")) for path in modules if path.name != BINDINGS_MODULE
    }
    assert {name: found for name, found in offenders.items() if found} == {}
    # The scanner itself sees the imports it is meant to find.
    assert _nacl_imports((CRYPTO_DIR / BINDINGS_MODULE).read_text(encoding="utf-8"))


def test_no_module_holds_a_nacl_object_but_primitives() -> None:
    """At run time, no module of `crypto` but primitives has a nacl module, function or class in its namespace."""
    for path in sorted(CRYPTO_DIR.glob("*.py")):
        if path.name in (BINDINGS_MODULE, "__init__.py"):
            continue
        module = importlib.import_module(f"crypto.{path.stem}")
        leaked = []
        for name, value in vars(module).items():
            origin = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
            if isinstance(origin, str) and origin.split(".")[0] == "nacl":
                leaked.append(name)
        assert leaked == [], f"crypto/{path.name} holds nacl objects {leaked}"


def test_scanner_catches_each_import_form() -> None:
    assert _nacl_imports("import nacl.utils") == ["nacl.utils"]
    assert _nacl_imports("import nacl.pwhash.argon2id as a") == ["nacl.pwhash.argon2id"]
    assert _nacl_imports("from nacl.bindings import sodium_pad") == ["nacl.bindings"]
    assert _nacl_imports("from nacl import signing") == ["nacl"]
    assert _nacl_imports("import naclx\nfrom .nacl import y\n'''import nacl'''") == []
