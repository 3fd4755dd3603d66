"""The rapportage layers: frames and charts are pure (no Django), plotly.js is the basic partial
bundle at the version of the plotly package in uv.lock, and its CSS file matches it."""

import ast
import re
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


def test_plotly_js_is_the_basic_bundle_at_the_version_of_the_python_package():
    """The partial bundle (scatter, bar, pie) draws every chart we make; the plotly Python
    package (kaleido's PDF figures) has the same plotly.js version."""
    pad = finders.find(plotly_statisch.PAD)
    assert pad and Path(pad) == plotly_statisch.BESTAND
    js = Path(pad).read_text(encoding="utf-8")
    assert "plotly.js (basic - minified) v" in js[:200]
    assert plotly_statisch.versie(js) == plotly_statisch.versie(
        plotly_statisch.PAKKET.read_text(encoding="utf-8")
    )
    assert len(js) < 1_300_000  # the full bundle is 4.8 MB
    # Every trace type our figures use is in the bundle.
    bron = (WORTEL / "rapportage/charts.py").read_text(encoding="utf-8")
    soorten = set(re.findall(r'"type": "(\w+)"', bron)) - {"category", "linear", "date"}
    assert soorten and soorten <= {"scatter", "bar", "pie"}, soorten


def test_plotly_js_is_loaded_only_on_pages_with_a_chart():
    met = {"rapportage/gemeente.html", "rapportage/provincie.html", "rapportage/overleg.html"}
    for pad in (WORTEL / "templates").rglob("*.html"):
        naam = str(pad.relative_to(WORTEL / "templates"))
        assert ("plotly" in pad.read_text(encoding="utf-8").split("{% endcomment %}")[-1]) == (
            naam in met or naam == "includes/plotly_kop.html"
        ), naam


def test_plotly_css_matches_the_plotly_js_we_serve():
    """After a plotly upgrade: python -c "from rapportage.plotly_statisch import plotly_css;
    open('static/css/plotly.css','w').write(plotly_css())" (with Django settings loaded)."""
    assert (WORTEL / "static/css/plotly.css").read_text(encoding="utf-8") == (
        plotly_statisch.plotly_css()
    )


def test_the_template_names_every_style_element_plotly_would_inject():
    """plotly.js creates a <style> (refused by our CSP) unless an element with its id exists."""
    js = plotly_statisch.BESTAND.read_text(encoding="utf-8")
    kop = (WORTEL / "templates/includes/plotly_kop.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'getElementById\("([0-9a-f]{64})"\)', js))
    assert ids and all(f'id="{i}"' in kop for i in ids)
    assert js.count('createElement("style")') == 1 + len(ids)
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in kop
