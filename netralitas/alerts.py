"""Early warning (issue #17): which provinces and regencies have more cases now than at the same point of the
previous election of the same kind, by more than the national trend and more than chance explains.

Method, in the order the code applies it:

1. Alignment. The election in progress (Pilkada 2024, say) is cut at `as_of`; the previous election of the
   same kind (Pilkada 2020) is cut at the same point of *its own* calendar: the same phase and the same day
   within that phase (day 26 of the campaign), capped at that phase's last day when the previous phase was
   shorter. Calendars come from the `calendar` table, so a new election needs no code.
2. Counts. Cases per region in each season up to its cut-off (queries/alerts_counts.sql, through the
   `scope` macro like every figure of the dashboard).
3. Test. For a region with c cases now and p before, and the rest of the country with C' now and P'
   before, the exact conditional binomial test asks: given the region's n = c + p cases over both seasons,
   how likely is a share c / n at least this large if the region followed the rest of the country, whose
   share is C' / (C' + P')? The one-sided tail P(X >= c), X ~ Binomial(n, C' / (C' + P')), is the p-value.
   Conditioning on n handles small counts exactly and the national trend cancels out. The expected count
   is p * C' / P' (the previous count grown like the rest of the country); ratio = observed / expected.
4. False discoveries. Benjamini-Hochberg q-values within each level: over the 38 provinces, and over the
   514 regencies (a region without cases in either season counts as a test with p = 1). Each level is
   read as its own list (the overview's, the map's), so each controls its own false-discovery rate.
5. Small regions. A region is flagged only when q <= 0.05 *and* it has at least 5 cases now *and* at least
   1.5 times its expected count: 0 -> 2 cases is never a flag, whatever the test says.

A headcount (one snapshot per province) would divide both seasons by the same number, so it cannot change
the test; where one exists, the rate per 100,000 ASN is shown beside the counts as context.

The binomial tail is computed here with math.lgamma (no scipy: it is not a dependency of the project, and
one exact tail of a few hundred terms needs nothing more).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from .filters import Filters
from .i18n import t
from .reference import province_label, provinces, regencies, regency_label, vocabulary
from .store import Store

LEVELS = ("province", "regency")
Q_MAX = 0.05  # false-discovery rate
MIN_OBSERVED = 5  # cases now, below which a region is never flagged
MIN_RATIO = 1.5  # observed / expected, below which a rise is too small to act on
MIN_DAYS = 14  # days of the season in progress before any comparison
MIN_NATIONAL = 20  # cases nationally in each season before any comparison


@dataclass(frozen=True)
class Alignment:
    """Which two seasons are compared, cut where."""

    election: str
    as_of: date | None
    previous: str | None = None
    previous_cutoff: date | None = None
    phase: str | None = None
    day: int | None = None  # 1-based day within `phase` of the season in progress
    previous_day: int | None = None  # the day used in the previous season (capped at that phase's length)
    season_start: date | None = None  # first calendar day of the season in progress


@dataclass
class AlertReport:
    alignment: Alignment
    status: str  # 'ok', 'no_data', 'no_previous', 'too_early'
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)  # every region of both levels, tested
    current_total: int = 0
    previous_total: int = 0
    not_compared: int = 0  # cases on pre-split units (e.g. '91-pra2022'), which no current region holds

    def flagged(self, level: str | None = None) -> pd.DataFrame:
        if self.regions.empty:
            return self.regions
        part = self.regions[self.regions["flagged"]]
        if level:
            part = part[part["level"] == level]
        return part.sort_values(["level", "q_value", "ratio"], ascending=[True, True, False])

    def flagged_keys(self, level: str) -> list[str]:
        return list(self.flagged(level)["key"])

    @property
    def trend(self) -> float | None:
        """National factor: cases now / cases at the same point before."""
        return self.current_total / self.previous_total if self.previous_total else None


# -- alignment ------------------------------------------------------------------------------------------------
def previous_of_kind(elections: pd.DataFrame, election: str) -> str | None:
    """The latest election of the same kind that began before this one (Pilkada with Pilkada)."""
    row = elections[elections["election"] == election]
    if row.empty:
        return None
    this = row.iloc[0]
    earlier = elections[(elections["kind"] == this["kind"]) & (elections["start_date"] < this["start_date"])]
    return None if earlier.empty else str(earlier.sort_values("start_date").iloc[-1]["election"])


def _day(value: date | str) -> date:
    """A calendar or case date: a DATE cell (a Timestamp, a date) or its ISO text."""
    return pd.Timestamp(value).date()


def align(calendar: pd.DataFrame, elections: pd.DataFrame, election: str, as_of: date | None) -> Alignment:
    """The previous season's cut-off matching `as_of`: same phase, same day within it (capped)."""
    previous = previous_of_kind(elections, election)
    if previous is None or as_of is None:
        return Alignment(election, as_of, previous)
    mine = calendar[calendar["election"] == election].sort_values("start_date")
    theirs = calendar[calendar["election"] == previous].set_index("phase")
    season_start = _day(mine["start_date"].iloc[0]) if not mine.empty else None
    # namedtuples of the calendar's columns (phase, start_date, end_date: dates); the stubs cannot type them
    rows: Iterable[Any] = mine.itertuples(index=False)
    current_phase: Any = None
    for row in rows:
        if _day(row.start_date) <= as_of:
            current_phase = row
    if current_phase is None:  # before the calendar of the season in progress even starts
        return Alignment(election, as_of, previous, season_start=season_start)
    phase = str(current_phase.phase)
    start = _day(current_phase.start_date)
    end = _day(current_phase.end_date)
    offset = (as_of - start).days
    if phase not in theirs.index:
        return Alignment(election, as_of, previous, None, phase, offset + 1, season_start=season_start)
    their_phase: Any = theirs.loc[phase]  # the same phase of the previous season; its cells are dates
    p_start, p_end = _day(their_phase["start_date"]), _day(their_phase["end_date"])
    if as_of > end:  # past the last phase (late reports): the same number of days past the previous end
        cutoff = p_end + (as_of - end)
    else:
        cutoff = min(p_start + timedelta(days=offset), p_end)
    return Alignment(
        election, as_of, previous, cutoff, phase, offset + 1, (cutoff - p_start).days + 1, season_start
    )


def season_filters(alignment: Alignment) -> tuple[Filters, Filters | None]:
    """The filters of the two seasons' counts (everything else unfiltered: the warning is national)."""
    current = Filters(election=(alignment.election,), date_to=alignment.as_of)
    if alignment.previous is None or alignment.previous_cutoff is None:
        return current, None
    return current, Filters(election=(alignment.previous,), date_to=alignment.previous_cutoff)


def latest_case_date(counts: pd.DataFrame) -> date | None:
    """The newest case date of a season's counts (the default `as_of`: the data's own 'today')."""
    if counts.empty or counts["latest_case_date"].isna().all():
        return None
    return _day(counts["latest_case_date"].max())


# -- statistics -----------------------------------------------------------------------------------------------
def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), exactly (log-space sum of the terms, math.lgamma)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    base = math.lgamma(n + 1)
    mode = math.floor((n + 1) * p)
    terms: list[float] = []
    top = -math.inf
    for i in range(k, n + 1):
        term = base - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        top = max(top, term)
        terms.append(term)
        # Past the mode the terms only fall: once one is e^-60 of the largest, the rest (fewer than n)
        # add less than n·e^-60 of the sum. At a million cases a region's tail had thousands of terms,
        # and the early warning spent 250 ms here summing what rounds away.
        if i > mode and term < top - _NEGLIGIBLE:
            break
    return min(1.0, math.exp(top) * sum(math.exp(x - top) for x in terms))


# Terms of a binomial tail smaller than e^-60 of its largest are left out (see binomial_tail).
_NEGLIGIBLE = 60.0


def bh_qvalues(pvalues: list[float], m: int | None = None) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given; `m` tests in all (>= len)."""
    m = max(m or len(pvalues), len(pvalues))
    order = sorted(range(len(pvalues)), key=lambda i: pvalues[i])
    q = [1.0] * len(pvalues)
    running = 1.0
    for rank in range(len(order), 0, -1):
        i = order[rank - 1]
        running = min(running, pvalues[i] * m / rank)
        q[i] = min(1.0, running)
    return q


# -- the comparison -------------------------------------------------------------------------------------------
def _by_region(counts: pd.DataFrame, level: str) -> dict[str, int]:
    """Cases per province or regency code (rows without a regency count at province level only). A plain
    loop: the frame has a few hundred rows, where pandas' dropna and groupby cost more than the sums."""
    if counts.empty:
        return {}
    column = "province_code" if level == "province" else "regency_code"
    out: dict[str, int] = {}
    for key, n in zip(counts[column].tolist(), counts["cases"].tolist(), strict=True):
        if key is None or (isinstance(key, float) and math.isnan(key)):
            continue
        out[str(key)] = out.get(str(key), 0) + int(n)
    return out


def _region_keys(level: str) -> list[str]:
    return list(provinces()["code"]) if level == "province" else list(regencies()["code"])


def compare(
    alignment: Alignment,
    current: pd.DataFrame,
    previous: pd.DataFrame | None,
    headcount: pd.DataFrame | None = None,
    previous_loaded: bool = True,
) -> AlertReport:
    """The test for every province and regency, from the two seasons' counts (queries/alerts_counts.sql).
    `previous_loaded`: whether the data holds any case of the previous election at all (else: no
    counterpart, rather than too early)."""
    keys = {level: _region_keys(level) for level in LEVELS}
    known = set(keys["province"])
    now_by = _by_region(current, "province")
    current_total = sum(v for k, v in now_by.items() if k in known)
    not_compared = sum(v for k, v in now_by.items() if k not in known)
    if current.empty:
        return AlertReport(alignment, "no_data")
    if alignment.previous is None:
        return AlertReport(alignment, "no_previous", current_total=current_total)
    if previous is None:  # the season in progress has not reached its calendar's first day
        return AlertReport(alignment, "too_early", current_total=current_total)
    before_by = _by_region(previous, "province")
    previous_total = sum(v for k, v in before_by.items() if k in known)
    not_compared += sum(v for k, v in before_by.items() if k not in known)
    report = AlertReport(
        alignment, "ok", current_total=current_total, previous_total=previous_total, not_compared=not_compared
    )
    if not previous_loaded:  # the calendar knows the previous election, the data holds none of its cases
        report.status = "no_previous"
        return report
    if alignment.previous_cutoff is None or alignment.day is None or alignment.as_of is None:
        report.status = "too_early"
        return report
    elapsed = (alignment.as_of - alignment.season_start).days if alignment.season_start else 0
    if elapsed < MIN_DAYS or current_total < MIN_NATIONAL or previous_total < MIN_NATIONAL:
        report.status = "too_early"
        return report
    asn = (
        dict(zip(headcount["key"], headcount["asn_count"], strict=True))
        if headcount is not None and not headcount.empty
        else {}
    )
    rows = []
    for level in LEVELS:
        now, before = _by_region(current, level), _by_region(previous, level)
        for key in keys[level]:
            rows.append(
                _test(level, key, now.get(key, 0), before.get(key, 0), current_total, previous_total, asn)
            )
    frame = pd.DataFrame(rows)
    # one family per level: the 38 provinces, and the 514 regencies (each list is read on its own)
    frame["q_value"] = 1.0
    for level in LEVELS:
        part = frame["level"] == level
        frame.loc[part, "q_value"] = bh_qvalues(list(frame.loc[part, "p_value"]), m=int(part.sum()))
    frame["flagged"] = (
        (frame["q_value"] <= Q_MAX)
        & (frame["observed"] >= MIN_OBSERVED)
        & ((frame["expected"] == 0) | (frame["observed"] >= MIN_RATIO * frame["expected"]))
    )
    report.regions = frame
    return report


def _test(level: str, key: str, c: int, p: int, total_c: int, total_p: int, asn: dict) -> dict:
    """One region against the rest of the country (the region itself left out of the national trend)."""
    rest_c, rest_p = total_c - c, total_p - p
    if rest_p > 0:
        expected = p * rest_c / rest_p
    else:  # every earlier case was here: the rest of the country gives no trend to grow it by
        expected = float(p)
    share = rest_c / (rest_c + rest_p) if rest_c + rest_p else None
    p_value = binomial_tail(c, c + p, share) if share is not None and c + p else 1.0
    headcount = asn.get(key) if level == "province" else None
    return {
        "level": level,
        "key": key,
        "observed": c,
        "previous": p,
        "expected": expected,
        "ratio": c / expected if expected > 0 else None,
        "p_value": p_value,
        "per_100k_asn": c / headcount * 1e5 if headcount else None,
    }


# -- one entry point for the command line; the dashboard runs the same steps through its cached queries ------
def early_warning(
    store: Store,
    election: str,
    as_of: date | None = None,
    *,
    run=None,
) -> AlertReport:
    """The whole comparison for one election, cut at `as_of` (default: its latest case date). `run(name,
    filters)` runs one query (the dashboard passes its cached runner; default: queries.run on `store`)."""
    from . import queries

    def default_run(name: str, filters: Filters | None = None) -> pd.DataFrame:
        return queries.run(store, name, filters)

    run = run or default_run
    elections = run("elections")
    if election not in set(elections["election"]):
        from .errors import NetralitasError

        raise NetralitasError.of("alerts_unknown_election", election=election)
    everything = None
    if as_of is None:
        everything = run("alerts_counts", Filters(election=(election,)))
        as_of = latest_case_date(everything)
    alignment = align(run("calendar"), elections, election, as_of)
    now_filters, before_filters = season_filters(alignment)
    # cut at its own latest case date, the season in progress is all of its cases: no second query
    current = everything if everything is not None else run("alerts_counts", now_filters)
    previous = run("alerts_counts", before_filters) if before_filters else None
    # an empty previous season at the cut-off: is the election missing from the data, or just quiet so far?
    loaded = alignment.previous is not None and (
        (previous is not None and not previous.empty)
        or not run("alerts_counts", Filters(election=(alignment.previous,))).empty
    )
    return compare(alignment, current, previous, run("headcount"), loaded)


# -- words ----------------------------------------------------------------------------------------------------
def region_label(level: str, key: str, lang: str = "id") -> str:
    return province_label(key, lang) if level == "province" else regency_label(key, lang)


def comparison_text(report: AlertReport, names: dict[str, str], lang: str = "id") -> str:
    """What the flags compare, in one sentence (every flag is read against it), or why nothing is flagged."""
    a = report.alignment
    name = names.get(a.election, a.election)
    if report.status == "no_data":
        return t("alerts_no_data", lang, name=name)
    if a.previous is None:
        return t("alerts_no_previous", lang, name=name)
    if report.status == "no_previous":
        return t("alerts_no_previous_cases", lang, name=name, previous=names.get(a.previous, a.previous))
    from .style import fmt_date

    phase = vocabulary().label("phase", a.phase, lang) if a.phase else "—"
    base = t(
        "alerts_compares",
        lang,
        name=name,
        as_of=fmt_date(a.as_of, lang),
        previous=names.get(a.previous, a.previous),
        cutoff=fmt_date(a.previous_cutoff, lang) if a.previous_cutoff else "—",
        phase=phase,
        day=a.day or "—",
    )
    if report.status == "too_early":
        return base + " " + t("alerts_too_early", lang, days=MIN_DAYS, cases=MIN_NATIONAL)
    return base


def flag_sentence(row: pd.Series | dict, previous_name: str, lang: str = "id") -> str:
    """One flag in a sentence: observed against expected, and the factor."""
    from .style import fmt_num

    label = region_label(row["level"], row["key"], lang)
    if int(row["previous"]) == 0:
        return t("alerts_flag_new", lang, label=label, observed=int(row["observed"]), previous=previous_name)
    return t(
        "alerts_flag",
        lang,
        label=label,
        observed=int(row["observed"]),
        before=int(row["previous"]),
        previous=previous_name,
        expected=fmt_num(row["expected"], lang),
        ratio=_ratio_text(row["ratio"], lang),
    )


def _ratio_text(ratio: float | None, lang: str) -> str:
    """The factor, or '–' where nothing was expected (no case in the rest of the country this season)."""
    from .style import fmt_num

    return "–" if ratio is None or pd.isna(ratio) else fmt_num(float(ratio), lang)


def as_json(report: AlertReport, level: str | None = None, lang: str = "id") -> dict:
    """The `alerts --json` object: the comparison, its status, and the flagged regions."""
    a = report.alignment
    flagged = report.flagged(level)
    return {
        "election": a.election,
        "as_of": a.as_of.isoformat() if a.as_of else None,
        "previous": a.previous,
        "previous_cutoff": a.previous_cutoff.isoformat() if a.previous_cutoff else None,
        "phase": a.phase,
        "day": a.day,
        "status": report.status,
        "current_total": report.current_total,
        "previous_total": report.previous_total,
        "national_ratio": report.trend,
        "not_compared": report.not_compared,
        "rule": {
            "q_max": Q_MAX,
            "min_observed": MIN_OBSERVED,
            "min_ratio": MIN_RATIO,
            "test": "exact conditional binomial, one-sided; Benjamini-Hochberg within each level "
            "(38 provinces, 514 regencies)",
        },
        "alerts": [
            {
                "level": r["level"],
                "key": r["key"],
                "label": region_label(r["level"], r["key"], lang),
                "observed": int(r["observed"]),
                "previous": int(r["previous"]),
                "expected": round(float(r["expected"]), 3),
                "ratio": None if r["ratio"] is None or pd.isna(r["ratio"]) else round(float(r["ratio"]), 3),
                "p_value": float(r["p_value"]),
                "q_value": float(r["q_value"]),
            }
            for r in flagged.to_dict(orient="records")
        ],
    }


def alerts_cli(
    store: Store, election: str, as_of: str | None, level: str | None, as_json_out: bool, lang: str = "id"
) -> int:
    """`python -m netralitas alerts`: the flags as JSON or as one line each (NetralitasError reaches main)."""
    import json

    from .errors import NetralitasError

    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        raise NetralitasError.of("alerts_bad_date", value=as_of) from exc
    report = early_warning(store, election, day)
    out = as_json(report, level, lang)
    if as_json_out:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    from .metrics import election_names

    names = election_names(store, lang)
    print(comparison_text(report, names, lang))
    previous = names.get(report.alignment.previous or "", "")
    for row in report.flagged(level).to_dict(orient="records"):
        print(
            f"  {row['level']:<8} {row['key']:>4}  {flag_sentence(row, previous, lang)}  q={row['q_value']:.2g}"
        )
    if report.status == "ok" and report.flagged(level).empty:
        print("  " + t("alerts_none", lang))
    return 0


def flag_short(row: pd.Series | dict, lang: str = "id") -> str:
    """A flag in a few words, for a slide read from the back of a room."""
    from .style import fmt_num

    label = region_label(row["level"], row["key"], lang)
    if int(row["previous"]) == 0:
        return t("alerts_flag_short_new", lang, label=label, observed=int(row["observed"]))
    return t(
        "alerts_flag_short",
        lang,
        label=label,
        observed=int(row["observed"]),
        expected=fmt_num(row["expected"], lang),
        ratio=_ratio_text(row["ratio"], lang),
    )
