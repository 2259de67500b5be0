"""Charts of the printed evaluation report, drawn on the server with ``reportlab.graphics``
(one of Odoo's own requirements) and embedded in the QWeb page as ``data:`` images.

PNG through ``renderPM`` (the C renderer reportlab ships) is what wkhtmltopdf shows
best; when that renderer is missing the chart is drawn as SVG instead. Text uses a
TrueType font with every Vietnamese letter when the system has one (DejaVu Sans,
Liberation Sans), otherwise reportlab's own Vera.
"""

import base64
import logging
import os

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..evaluation_core.chart_numbers import abbreviate

_logger = logging.getLogger(__name__)

FONT_NAME = "IdicChartSans"
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation/LiberationSans-Regular.ttf",
)
BAR_COLOR = colors.HexColor("#3B6EA5")
LINE_COLOR = colors.HexColor("#C0504D")


def chart_font():
    """The registered name of a font for chart text (registered once per process)."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for path in FONT_FILES:
        if os.path.isfile(path):
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, path))
                return FONT_NAME
            except (OSError, TTFError):  # a broken font file: try the next one
                _logger.debug("cannot use %s for charts", path, exc_info=True)
    return "Vera" if _register_vera() else "Helvetica"


def _register_vera():
    try:
        if "Vera" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
        return True
    except (OSError, TTFError):
        return False


def compact(value):
    """12_500_000 -> '12.5M': short labels when the caller gives no formatter (the
    report gives one in the reader's language, see ``chart_numbers``)."""
    return abbreviate(value)


def _frame(title, width, height):
    font = chart_font()
    drawing = Drawing(width, height)
    drawing.add(
        String(width / 2, height - 16, title, fontName=font, fontSize=11, textAnchor="middle")
    )
    return drawing, font


def _style_axes(chart, font, labels, values, formatter):
    chart.categoryAxis.categoryNames = [str(label)[:18] for label in labels]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = formatter
    chart.valueAxis.valueMin = min(0, *values)
    if not any(values):
        chart.valueAxis.valueMax = 1


def bar_chart(title, labels, values, width=500, height=230, formatter=compact):
    """A vertical bar per label, in the order given; ``formatter`` writes a value."""
    drawing, font = _frame(title, width, height)
    values = [float(v or 0) for v in values] or [0.0]
    labels = list(labels) or [""]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 65, 45, width - 85, height - 80
    chart.data = [values]
    chart.bars[0].fillColor = BAR_COLOR
    chart.barLabelFormat = formatter
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 7
    _style_axes(chart, font, labels, values, formatter)
    drawing.add(chart)
    return drawing


def line_chart(title, labels, values, width=500, height=230, formatter=compact):
    """A line through one value per label (periods, oldest first)."""
    drawing, font = _frame(title, width, height)
    values = [float(v or 0) for v in values] or [0.0]
    labels = list(labels) or [""]
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 65, 45, width - 85, height - 80
    chart.data = [values]
    chart.joinedLines = 1
    chart.lines[0].strokeColor = LINE_COLOR
    chart.lines[0].strokeWidth = 2
    chart.lines[0].symbol = makeMarker("FilledCircle", size=4, fillColor=LINE_COLOR)
    chart.lineLabelFormat = formatter
    chart.lineLabels.fontName = font
    chart.lineLabels.fontSize = 7
    _style_axes(chart, font, labels, values, formatter)
    drawing.add(chart)
    return drawing


def data_uri(drawing):
    """The drawing as a ``data:`` URI: PNG when reportlab's renderer is there, else SVG."""
    try:
        from reportlab.graphics import renderPM

        png = renderPM.drawToString(drawing, fmt="PNG", dpi=144)
        return "data:image/png;base64," + base64.b64encode(png).decode()
    except Exception:  # no C renderer (rl_renderPM / pycairo): SVG draws the same chart
        _logger.debug("renderPM unavailable, drawing the chart as SVG", exc_info=True)
        svg = renderSVG.drawToString(drawing)
        if isinstance(svg, str):
            svg = svg.encode()
        return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
