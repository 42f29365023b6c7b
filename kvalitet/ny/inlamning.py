"""The next period's deadline: ``inlämning: sista_dag`` moved as many years as the periods."""

from __future__ import annotations

import calendar
import re

_SISTA_DAG = re.compile(r"^(\s+sista_dag:\s*['\"]?)(\d{4})-(\d{2})-(\d{2})", re.MULTILINE)


def flytta_sista_dag(text: str, ar: int) -> str:
    """The huvudman file's text with ``sista_dag`` ``ar`` years later (29 February becomes
    the 28th in a year that has none); everything else as it was, comments too."""

    def flytta(traff: re.Match[str]) -> str:
        nytt_ar, manad, dag = int(traff[2]) + ar, int(traff[3]), int(traff[4])
        if (manad, dag) == (2, 29) and not calendar.isleap(nytt_ar):
            dag = 28
        return f"{traff[1]}{nytt_ar:04d}-{manad:02d}-{dag:02d}"

    return _SISTA_DAG.sub(flytta, text)
