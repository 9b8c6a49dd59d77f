"""Date expressions to ISO strings, as precise as the text allows.

"8 December 1987" and "December 8, 1987" give ``1987-12-08``; "December 1987" ``1987-12``;
"1987" ``1987``. A date without a year ("On July 8") or a relative one ("Today", "Tuesday")
is resolved only against an anchor: a full date printed in the text or the document's own
date; otherwise it gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_FULL = (
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})"),
    re.compile(r"(?P<year>\d{4})-(?P<monthnum>\d\d)-(?P<day>\d\d)"),
)
_MONTH_YEAR = re.compile(rf"{_MONTH}\s+(?P<year>\d{{4}})")
_DAY_MONTH = (
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}"),
)
_YEAR = re.compile(r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?!\d)")


def full_date(text: str) -> dt.date | None:
    """The first complete calendar date in ``text``."""
    for pattern in _FULL:
        for match in pattern.finditer(text):
            made = _make(match)
            if made is not None:
                return made
    return None


def iso_date(expression: str, anchor: dt.date | None) -> str | None:
    """``expression`` (one date mention) as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    whole = full_date(expression)
    if whole is not None:
        return whole.isoformat()
    month_year = _MONTH_YEAR.search(expression)
    if month_year and month_year.group("month").lower() in _MONTHS:
        return f"{month_year.group('year')}-{_MONTHS[month_year.group('month').lower()]:02}"
    lowered = expression.strip().lower()
    if anchor is not None:
        if lowered in ("today", "this day"):
            return anchor.isoformat()
        if lowered in _WEEKDAYS:  # the most recent such day, up to the anchor
            back = (anchor.weekday() - _WEEKDAYS.index(lowered)) % 7
            return (anchor - dt.timedelta(days=back)).isoformat()
        for pattern in _DAY_MONTH:
            day_month = pattern.search(expression)
            month = day_month.group("month").lower() if day_month else ""
            if day_month and month in _MONTHS:
                day = day_month.group("day")
                try:
                    return dt.date(anchor.year, _MONTHS[month], int(day)).isoformat()
                except ValueError:
                    return None
    year = _YEAR.search(expression)
    return year.group() if year else None  # "1987", "late 2007": the year is what is sure


def _make(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    month = (
        int(groups["monthnum"])
        if groups.get("monthnum")
        else _MONTHS.get((groups.get("month") or "").lower())
    )
    if not month:
        return None
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
