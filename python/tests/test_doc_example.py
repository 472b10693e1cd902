"""The example of doc/python.md runs and writes its plots and export."""
import re

from conftest import ROOT


def test_doc_example_runs(tmp_path, monkeypatch):
    doc = (ROOT / "doc" / "python.md").read_text(encoding="utf-8")
    example = doc.split("## Example", 1)[1]
    code = re.search(r"```python\n(.*?)```", example, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "doc/python.md", "exec"), {"__name__": "__doc_example__"})
    for name in ("events-per-day.png", "events-map.png", "events.geojson", "sample.db"):
        assert (tmp_path / name).stat().st_size > 0, name
