"""scripts/install-python.sh: Debian's python3 finds the module through a .pth file."""
import os
import pathlib
import subprocess

import tocsin
from conftest import ROOT


def test_pth_file_makes_the_module_importable_without_pythonpath(tmp_path):
    build = pathlib.Path(tocsin.__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TOCSIN_PTH_DIR"] = str(tmp_path)
    subprocess.run(["bash", str(ROOT / "scripts" / "install-python.sh"), str(build)], env=env,
                   check=True, capture_output=True)
    pth = (tmp_path / "tocsin.pth").read_text().strip()
    assert pth == str(build / "python")
    del env["TOCSIN_PTH_DIR"]
    # -S: only the .pth written here, not one installed system-wide for another checkout.
    out = subprocess.run(
        ["/usr/bin/python3", "-S", "-c",
         f"import site; site.addsitedir({str(tmp_path)!r}); import tocsin; "
         "print(tocsin.__file__); print(len(tocsin.extract('Shelling hit Goris.').documents))"],
        env=env, cwd="/", check=True, capture_output=True, text=True).stdout.split()
    assert out == [str(build / "python" / "tocsin" / "__init__.py"), "1"]


def test_install_refuses_a_build_without_the_module(tmp_path):
    env = dict(os.environ, TOCSIN_PTH_DIR=str(tmp_path))
    r = subprocess.run(["bash", str(ROOT / "scripts" / "install-python.sh"), str(tmp_path)],
                       env=env, capture_output=True, text=True)
    assert r.returncode == 2 and "-DTOCSIN_PYTHON=ON" in r.stderr
    assert not (tmp_path / "tocsin.pth").exists()
