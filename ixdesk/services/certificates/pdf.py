"""A certificate as a one-page PDF, laid out by Qt's text engine and written by QPdfWriter.

Only QtGui is used (no widgets), so the command line renders certificates
too: :func:`ensure_qt` starts a windowless Qt application when none runs
(the ``offscreen`` platform on a Linux machine without a display). Fonts come
from the system, with Qt's fallback for any script a name is written in;
ligatures are turned off so a PDF reader's copied text is the plain letters.
"""

from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

RESOLUTION = 300  # dots per inch of the page's coordinates (the text stays vector)
ACCENT = "#1f4e79"
_PAGES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
_LOGO_URL = QUrl("ixdesk:logo")
_application: QGuiApplication | None = None


@dataclass(frozen=True)
class CertificateText:
    """Everything one certificate says (plain text; escaped when laid out)."""

    organisation: str
    student: str
    cohort: str
    period: str | None
    company: str | None
    problem: str | None
    skills: tuple[str, ...]
    hours: str | None
    lead_instructor: str | None
    issued_on: date
    credential_id: str


def ensure_qt() -> None:
    """A Qt application exists for fonts and painting; started windowless if needed."""
    global _application
    if QGuiApplication.instance() is not None:
        return
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _application = QGuiApplication(["ixdesk"])


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class CertificateRenderer:
    """Renders certificates one after another, sharing the logo and the page set-up."""

    def __init__(self, *, paper: str = "a4", logo: bytes | None = None) -> None:
        ensure_qt()
        self.page = QPageSize(_PAGES.get(paper, QPageSize.PageSizeId.A4))
        self.logo = QImage.fromData(logo) if logo else None
        if self.logo is not None and self.logo.isNull():
            self.logo = None
        self.font = QFont("DejaVu Serif, Georgia, Times New Roman, serif")
        self.font.setStyleHint(QFont.StyleHint.Serif)
        self.font.setFeature(QFont.Tag("liga"), 0)
        self.font.setFeature(QFont.Tag("clig"), 0)

    def render(self, text: CertificateText) -> bytes:
        """The certificate's PDF file, as bytes."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(
            QPageLayout(
                self.page,
                QPageLayout.Orientation.Landscape,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(f"Certificate of completion: {text.student}")
        writer.setCreator(text.organisation)
        painter = QPainter(writer)
        try:
            self._paint(painter, writer, text)
        finally:
            painter.end()
        buffer.close()
        return bytes(data.data())

    def _paint(self, painter: QPainter, writer: QPdfWriter, text: CertificateText) -> None:
        page = QRectF(writer.pageLayout().fullRectPixels(RESOLUTION))
        mm = RESOLUTION / 25.4
        border = page.adjusted(10 * mm, 10 * mm, -10 * mm, -10 * mm)
        painter.setPen(QPen(QColor(ACCENT), 1.6 * mm))
        painter.drawRect(border)
        painter.setPen(QPen(QColor(ACCENT), 0.4 * mm))
        painter.drawRect(border.adjusted(3 * mm, 3 * mm, -3 * mm, -3 * mm))

        body = border.adjusted(18 * mm, 12 * mm, -18 * mm, -10 * mm)
        document = QTextDocument()
        document.documentLayout().setPaintDevice(writer)
        document.setDefaultFont(self.font)
        document.setDocumentMargin(0)
        document.setTextWidth(body.width())
        if self.logo is not None:
            document.addResource(QTextDocument.ResourceType.ImageResource, _LOGO_URL, self.logo)
        document.setHtml(self._html(text, body.width()))
        # Centred on the page; a certificate with a very long text is shrunk to fit.
        height = document.size().height()
        factor = min(1.0, body.height() / max(height, 1.0))
        left = body.left() + body.width() * (1 - factor) / 2
        top = body.top() + max((body.height() - height * factor) / 2, 0)
        painter.save()
        painter.translate(left, top)
        painter.scale(factor, factor)
        document.drawContents(painter, QRectF(0, 0, body.width(), height))
        painter.restore()

    def _html(self, text: CertificateText, width: float) -> str:
        e = html.escape
        parts = []
        if self.logo is not None:
            # At most 28 mm high and a third of the text's width, in the CSS pixels
            # (1/96 inch) an <img> is measured in, keeping the logo's proportions.
            css = 96 / RESOLUTION
            scale = min(
                28 / 25.4 * 96 / max(self.logo.height(), 1),
                width * css / 3 / max(self.logo.width(), 1),
            )
            parts.append(
                f'<p align="center"><img src="{_LOGO_URL.toString()}" '
                f'width="{self.logo.width() * scale:.0f}" '
                f'height="{self.logo.height() * scale:.0f}"></p>'
            )
        parts.append(
            f'<p align="center" style="font-size:15pt; color:{ACCENT}">'
            f"{e(text.organisation)}</p>"
            f'<p align="center" style="font-size:34pt; color:{ACCENT}; margin-top:6px">'
            "Certificate of completion</p>"
            '<p align="center" style="font-size:13pt; margin-top:10px">This certifies that</p>'
            f'<p align="center" style="font-size:30pt; font-weight:bold; margin-top:4px">'
            f"{e(text.student)}</p>"
        )
        cohort = f"<b>{e(text.cohort)}</b>"
        if text.period:
            cohort += f" ({e(text.period)})"
        sentence = f"completed the micro-internship {cohort}"
        if text.company and text.problem:
            sentence += (
                f", working with <b>{e(text.company)}</b> on the business problem "
                f"“{e(text.problem)}”"
            )
        elif text.company:
            sentence += f", working with <b>{e(text.company)}</b>"
        parts.append(f'<p align="center" style="font-size:14pt; margin-top:14px">{sentence}.</p>')
        details = []
        if text.skills:
            details.append(f"Skills practised: {e(' · '.join(text.skills))}")
        if text.hours:
            details.append(f"Hours attended: {e(text.hours)}")
        if details:
            parts.append(
                '<p align="center" style="font-size:13pt; margin-top:8px">'
                + "<br>".join(details)
                + "</p>"
            )
        instructor = (
            f"{e(text.lead_instructor)}<br><span style='font-size:10pt'>Lead instructor</span>"
            if text.lead_instructor
            else ""
        )
        issued = (
            f"{e(long_date(text.issued_on))}<br><span style='font-size:10pt'>Date of issue</span>"
        )
        parts.append(
            '<table width="100%" style="margin-top:40px; font-size:13pt"><tr>'
            f'<td align="left" width="50%">{instructor}</td>'
            f'<td align="right" width="50%">{issued}</td></tr></table>'
            f'<p align="center" style="font-size:8pt; color:#666666; margin-top:24px">'
            f"Credential {e(text.credential_id)}: the signed Open Badges file beside this "
            "certificate can be checked offline with the organisation's public key.</p>"
        )
        return "".join(parts)
