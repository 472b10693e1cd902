import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "armenia-azerbaijan-2022-09-13.fr.txt"
SEED_DATE = "2022-09-13"


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cli():
    """The CLI of the same build as the module (TOCSIN_BINARY, else beside the module)."""
    import tocsin

    binary = os.environ.get("TOCSIN_BINARY") or str(
        pathlib.Path(tocsin.__file__).resolve().parents[2] / "tocsin")
    if not os.access(binary, os.X_OK):
        pytest.skip(f"no tocsin CLI at {binary}")
    return binary
