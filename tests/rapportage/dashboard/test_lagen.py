"""The rapportage layers: frames and charts are pure (no Django), plotly.js is served from the
plotly package in uv.lock, and its CSS file matches the plotly.js we serve."""

import ast
from pathlib import Path

from django.contrib.staticfiles import finders

from rapportage import plotly_statisch

WORTEL = Path(__file__).resolve().parents[3]


def _imports(pad: Path) -> set[str]:
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    namen = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import):
            namen |= {a.name for a in knoop.names}
        elif isinstance(knoop, ast.ImportFrom) and knoop.module:
            namen.add(knoop.module)
    return namen


def test_frames_and_charts_import_no_django():
    for module in ("rapportage/frames.py", "rapportage/charts.py"):
        assert not {n for n in _imports(WORTEL / module) if n.split(".")[0] == "django"}, module


def test_plotly_js_is_found_as_a_static_file_without_a_copy_in_git():
    pad = finders.find("vendor/plotly/plotly.min.js")
    assert pad and Path(pad) == plotly_statisch.BESTAND
    assert "plotly.js v" in Path(pad).read_text(encoding="utf-8")[:200]
    assert not (WORTEL / "static" / "vendor" / "plotly").exists()
    gevonden = [
        pad for finder in finders.get_finders() for pad, _ in finder.list([]) if "plotly" in pad
    ]
    assert "plotly.min.js" in gevonden  # collectstatic copies it (prefix vendor/plotly)


def test_plotly_css_matches_the_plotly_js_we_serve():
    """After a plotly upgrade: python -c "from rapportage.plotly_statisch import plotly_css;
    open('static/css/plotly.css','w').write(plotly_css())" (with Django settings loaded)."""
    assert (WORTEL / "static/css/plotly.css").read_text(encoding="utf-8") == (
        plotly_statisch.plotly_css()
    )


def test_the_template_names_every_style_element_plotly_would_inject():
    """plotly.js creates a <style> (refused by our CSP) unless an element with its id exists."""
    import re

    js = plotly_statisch.BESTAND.read_text(encoding="utf-8")
    kop = (WORTEL / "templates/includes/plotly_kop.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'getElementById\("([0-9a-f]{64})"\)', js))
    assert ids and all(f'id="{i}"' in kop for i in ids)
    assert js.count('createElement("style")') == 1 + len(ids)
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in kop
