"""Import pipeline: read -> map headers -> normalise (vectorised, in a staging DuckDB) -> merge in one
transaction. Each row is loaded, updates a case, is unchanged, or is rejected with its row number.

Memory stays bounded at a million rows: the staging DuckDB has a memory limit and spills to a temporary
folder, the file's text is let go once it is staged, and the store's transaction reads the accepted rows
as a stream of Arrow batches from the staging database instead of a full copy."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from .. import audit, config, linking
from ..errors import FileRefused, NetralitasError
from ..i18n import both, pick, t
from ..reference import FIELDS, historical_units
from ..store import Store
from ..text import text_key
from . import kinds
from .dates import column_order, numeric_parts, parse_date
from .mapping import CANONICAL_COLUMNS, DATE_COLUMNS, HeaderMapping, map_headers
from .normalize import clean_agency, match_value, parse_bool, parse_election, resolve_location
from .read import RawTable, RowProblem, read_bytes
from .repeats import fewer_repeats

STORED_COLUMNS = (
    "case_key",
    "source",
    "case_id",
    "case_id_derived",
    "election",
    "phase",
    "report_date",
    "incident_date",
    "recommendation_date",
    "follow_up_date",
    "case_date",
    "province_code",
    "regency_code",
    "agency",
    "agency_type",
    "position",
    "employee_name",
    "nip",
    "violation_type",
    "origin",
    "status",
    "sanction",
    "record_blocked",
    # records and cases (#14): what a block list says, and the kind of file the record came from
    "block_date",
    "unblock_date",
    "file_kind",
)
# Stored columns that follow from a file column; a re-import without that column keeps the stored value.
DERIVED_FROM = {
    "case_key": ("case_id",),
    "source": ("case_id",),
    "case_id": ("case_id",),
    "case_id_derived": ("case_id",),
    "election": ("election",),
    "phase": ("phase", "election") + DATE_COLUMNS,
    "case_date": DATE_COLUMNS,
    "province_code": ("province", "regency"),
    "regency_code": ("province", "regency"),
    "agency_type": ("agency_type", "agency"),
    # every imported file has a location column, so a record always takes its file's kind
    "file_kind": ("province", "regency"),
}
MAX_WARNINGS = 2000
# Rows per Arrow batch between the staging database and the store: big enough to keep both busy.
BATCH_ROWS = 250_000


@dataclass
class ImportOptions:
    source: str = "other"
    election: str | None = None
    sheet: str | None = None
    header_row: int | None = None  # the analyst's header row (1-based, as in the file); None: detected
    header_rows: int | None = None  # 1 or 2 (a two-row header); None: detected
    dry_run: bool = False
    user: str = "cli"
    file_name: str = ""
    is_sample: bool = False
    kind: str | None = None  # a file kind of ingest/kinds.py; None: detected from the headers
    detected: kinds.Kind | None = None  # set by the import: the kind in effect and why
    header_overrides: dict[str, str] = field(default_factory=dict)
    value_overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    progress: Callable[[float, str, str], None] | None = (
        None  # (share done, step id, step en): the page's bar
    )

    def report_progress(self, share: float, step_id: str, step_en: str) -> None:
        if self.progress is not None:
            self.progress(share, step_id, step_en)


@dataclass
class ImportReport:
    batch_id: int | None
    rows_read: int
    rows_loaded: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    errors: list[RowProblem]
    warnings: list[RowProblem]
    warnings_total: int
    unmapped: list[dict]  # {field, column, value, count, rows}
    unknown_places: list[dict]  # rejected locations by spelling: {field, column, value, count, rows}
    columns: dict[str, str]  # header -> canonical column
    ignored_headers: list[tuple[str, str, str]]
    file: dict[str, Any]
    dry_run: bool
    # Groups of identical rows the store holds more of than the file (kept, reported): see repeats.py
    fewer_repeats: list[dict] = field(default_factory=list)
    # Title, blank, subtotal and note rows: not data, not rejected; {row, reason}
    skipped: list[dict] = field(default_factory=list)
    rows_skipped: int = 0
    # How each date column's numeric dates were read: day-first, month-first or ambiguous
    date_orders: dict[str, str] = field(default_factory=dict)
    kind: dict[str, Any] = field(default_factory=dict)  # {kind, chosen, reason}

    def as_json(self, lang: str = "id") -> dict:
        return {
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_updated": self.rows_updated,
            "rows_unchanged": self.rows_unchanged,
            "rows_rejected": self.rows_rejected,
            "errors": [e.as_dict(lang) for e in self.errors],
            "warnings": [w.as_dict(lang) for w in self.warnings],
            "warnings_total": self.warnings_total,
            "unmapped": self.unmapped,
            "unknown_places": self.unknown_places,
            "columns": self.columns,
            "ignored_columns": [
                {"header": h, "reason": pick(rid, ren, lang)} for h, rid, ren in self.ignored_headers
            ],
            "file": self.file,
            "rows_skipped": self.rows_skipped,
            "skipped": [
                {"row": s["row"], "reason": pick(s["reason_id"], s["reason_en"], lang)} for s in self.skipped
            ],
            "fewer_repeats": [
                {k: v for k, v in g.items() if not k.startswith("reason_")}
                | {"reason": pick(g["reason_id"], g["reason_en"], lang)}
                for g in self.fewer_repeats
            ],
            "date_orders": self.date_orders,
            "kind": self.kind,
        }


def _reason_sql(key: str, params: dict[str, str], **fills: str) -> str:
    """The two reason columns (Indonesian, English) of i18n key as bound parameters, each {placeholder}
    filled in SQL from the expression given for it: the wording stays in the one table of strings."""
    columns = []
    for lang in ("id", "en"):
        name = f"{key}_{lang}"
        params[name] = t(key, lang)
        expr = f"${name}"
        for placeholder, sql in fills.items():
            expr = f"replace({expr}, '{{{placeholder}}}', CAST({sql} AS VARCHAR))"
        columns.append(expr)
    return ", ".join(columns)


def _checkpoint(step: str) -> None:
    """A seam for tests that inject a failure in the middle of an import."""


# -- reading what the store knows -----------------------------------------------------------------
def store_context(
    store: Store, source: str
) -> tuple[dict[str, str], dict[str, dict[str, str]], pd.DataFrame]:
    """Saved header aliases, saved value aliases and the calendar, read before the file is merged."""
    from ..config import REFERENCE_DIR

    if not store.exists():
        cal = pd.read_csv(REFERENCE_DIR / "calendar.csv", parse_dates=["start_date", "end_date"])
        return {}, {}, cal
    with store.connect() as con:
        saved = con.execute(
            "SELECT kind, alias, target FROM saved_aliases WHERE source IN ('*', $s) ORDER BY source = '*' DESC",
            {"s": source},
        ).fetchall()
        cal = con.execute("SELECT * FROM calendar").df()
    headers: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for kind, alias, target in saved:
        if kind == "header":
            headers[alias] = target
        else:
            values.setdefault(kind, {})[alias] = target
    return headers, values, cal


# -- normalisation --------------------------------------------------------------------------------
class _Stager:
    """Builds the staged rows in an in-memory DuckDB from the raw text table."""

    def __init__(
        self,
        raw: RawTable,
        mapping: HeaderMapping,
        options: ImportOptions,
        saved_values: dict[str, dict[str, str]],
        calendar: pd.DataFrame,
    ):
        self.raw, self.mapping, self.options, self.calendar = raw, mapping, options, calendar
        self.present = set(mapping.columns.values())
        self.extra = {
            f: {
                **saved_values.get(f, {}),
                **{text_key(k): v for k, v in options.value_overrides.get(f, {}).items()},
            }
            for f in set(saved_values) | set(options.value_overrides)
        }
        self.workdir = Path(tempfile.mkdtemp(prefix="netralitas-stage-"))
        self.con = duckdb.connect(
            config={
                "memory_limit": _memory_limit(),
                "temp_directory": str(self.workdir / "spill"),
                "preserve_insertion_order": False,
            },
        )
        cols = {f"c{idx}": canonical for idx, canonical in mapping.columns.items()}
        table = raw.table.select([*cols, "_row"]).rename_columns([*cols.values(), "_row"])
        self.con.register("raw", table)
        self.warnings: list[pd.DataFrame] = []
        self.date_orders: dict[str, str] = {}  # date column -> day-first, month-first or ambiguous

    def header(self, canonical: str) -> str:
        return self.mapping.header_of(canonical, self.raw.headers)

    def distinct(self, *columns: str) -> list[tuple]:
        cols = ", ".join(f"coalesce(\"{c}\", '')" if c in self.present else "''" for c in columns)
        return self.con.execute(f"SELECT DISTINCT {cols} FROM raw").fetchall()

    def register_map(self, name: str, frame: pd.DataFrame) -> None:
        self.con.register(name, frame)

    def vocab_maps(self) -> None:
        for f in FIELDS:
            if f not in self.present:
                continue
            rows = [
                (v, kinds.status_code(self.options.kind, v, match_value(f, v, self.extra.get(f))), _shown(v))
                if f == "status"
                else (v, match_value(f, v, self.extra.get(f)), _shown(v))
                for (v,) in self.distinct(f)
            ]
            self.register_map(f"m_{f}", pd.DataFrame(rows, columns=["raw", "code", "text"], dtype="object"))

    def date_map(self) -> None:
        """One map per date column: its numeric day/month order is decided for the whole column."""
        for c in DATE_COLUMNS:
            if c not in self.present:
                continue
            values = [v for (v,) in self.distinct(c)]
            order, day, month = column_order(values)
            if any(numeric_parts(v) for v in values):  # the order only matters where dates are numeric
                self.date_orders[c] = order
            evidence = {"day": day or "", "month": month or ""}
            rows = []
            for v in values:
                r = parse_date(v, order, evidence)
                rows.append((v, r.value, r.problem_id, r.problem_en, _shown(v)))
            frame = pd.DataFrame(rows, columns=["raw", "d", "err_id", "err_en", "text"])
            frame["d"] = pd.to_datetime(frame["d"]).dt.date if len(frame) else frame["d"]
            self.register_map(
                f"m_date_{c}",
                frame.astype({"raw": "object", "err_id": "object", "err_en": "object", "text": "object"}),
            )

    def location_map(self) -> None:
        rows = []
        for p, r in self.distinct("province", "regency"):
            loc = resolve_location(p, r, self.extra.get("province"), self.extra.get("regency"))
            rows.append(
                (
                    p,
                    r,
                    loc.province_code,
                    loc.regency_code,
                    loc.error_id,
                    loc.error_en,
                    loc.warning_id,
                    loc.warning_en,
                    _shown(p),
                    _shown(r),
                )
            )
        columns = ["p", "r", "province_code", "regency_code", "err_id", "err_en", "warn_id", "warn_en"]
        self.register_map("m_loc", pd.DataFrame(rows, columns=[*columns, "p_text", "r_text"], dtype="object"))

    def other_maps(self) -> None:
        known = set(self.calendar["election"])
        if "election" in self.present:
            rows = [
                (v, parse_election(v, known) or self.extra.get("election", {}).get(text_key(v)), _shown(v))
                for (v,) in self.distinct("election")
            ]
            self.register_map(
                "m_election", pd.DataFrame(rows, columns=["raw", "code", "text"], dtype="object")
            )
        if "agency" in self.present:
            rows = [(v, *clean_agency(v)) for (v,) in self.distinct("agency")]
            self.register_map("m_agency", pd.DataFrame(rows, columns=["raw", "name", "kind"], dtype="object"))
        if "record_blocked" in self.present:
            flags = [(v, parse_bool(v), _shown(v)) for (v,) in self.distinct("record_blocked")]
            self.register_map(
                "m_blocked", pd.DataFrame(flags, columns=["raw", "flag", "text"], dtype="object")
            )
        cal = self.calendar.copy()
        cal["start_date"] = pd.to_datetime(cal["start_date"]).dt.date
        cal["end_date"] = pd.to_datetime(cal["end_date"]).dt.date
        self.register_map("cal", cal[["election", "phase", "start_date", "end_date"]])
        hist = pd.DataFrame(
            [(u.parent, u.code, u.until) for u in historical_units().values()],
            columns=["parent", "code", "until"],
        )
        self.register_map("hist", hist)

    def col(self, c: str) -> str:
        return f"nullif(trim(r.\"{c}\"), '')" if c in self.present else "NULL"

    def stage(self) -> None:
        """One pass over the rows joining every distinct-value map: vectorised normalisation."""
        # Views cannot take parameters: the user's defaults travel in a one-row table instead.
        self.register_map(
            "opts",
            pd.DataFrame(
                {"default_source": [self.options.source], "default_election": [self.options.election]},
                dtype="object",
            ),
        )
        self.vocab_maps()
        self.date_map()
        self.location_map()
        self.other_maps()
        p = self.present
        joins, select = [], ["r._row"]
        for f in FIELDS:
            if f in p:
                joins.append(f"LEFT JOIN m_{f} ON m_{f}.raw = coalesce(r.\"{f}\", '')")
                select.append(f"m_{f}.code AS {f}, m_{f}.text AS raw_{f}")
            else:
                select.append(f"NULL AS {f}, NULL AS raw_{f}")
        for c in DATE_COLUMNS:
            if c in p:
                joins.append(f"LEFT JOIN m_date_{c} d_{c} ON d_{c}.raw = coalesce(r.\"{c}\", '')")
                select.append(
                    f"d_{c}.d::DATE AS {c}, d_{c}.err_id AS {c}_err_id, d_{c}.err_en AS {c}_err_en, d_{c}.text AS raw_{c}"
                )
            else:
                select.append(f"NULL::DATE AS {c}, NULL AS {c}_err_id, NULL AS {c}_err_en, NULL AS raw_{c}")
        joins.append(
            "LEFT JOIN m_loc loc ON loc.p = "
            + ("coalesce(r.province, '')" if "province" in p else "''")
            + " AND loc.r = "
            + ("coalesce(r.regency, '')" if "regency" in p else "''")
        )
        select.append(
            "loc.province_code AS named_province, loc.regency_code, loc.err_id AS loc_err_id, "
            "loc.err_en AS loc_err_en, loc.warn_id AS loc_warn_id, loc.warn_en AS loc_warn_en, "
            "concat_ws(' / ', loc.p_text, loc.r_text) AS raw_location, "
            "loc.p_text AS raw_province, loc.r_text AS raw_regency"
        )
        if "election" in p:
            joins.append("LEFT JOIN m_election me ON me.raw = coalesce(r.election, '')")
            select.append("me.code AS election_given, me.text AS raw_election")
        else:
            select.append("NULL AS election_given, NULL AS raw_election")
        if "agency" in p:
            joins.append("LEFT JOIN m_agency ma ON ma.raw = coalesce(r.agency, '')")
            select.append("ma.name AS agency, ma.kind AS agency_kind")
        else:
            select.append("NULL AS agency, NULL AS agency_kind")
        if "record_blocked" in p:
            joins.append("LEFT JOIN m_blocked mb ON mb.raw = coalesce(r.record_blocked, '')")
            select.append("mb.flag::BOOLEAN AS record_blocked, mb.text AS raw_record_blocked")
        else:
            select.append("NULL::BOOLEAN AS record_blocked, NULL AS raw_record_blocked")
        select.append(f"{self.col('case_id')} AS case_id_given")
        select.append(f"regexp_replace({self.col('employee_name')}, '\\s+', ' ', 'g') AS employee_name")
        select.append(f"{self.col('nip')} AS raw_nip")
        # Each step is named for what it adds: each cell matched to its map, then the dates, the election,
        # the phase, and the case key. Only the last is a table: later steps update it and read it often.
        sql = f"CREATE VIEW staged_matched AS SELECT {', '.join(select)} FROM raw r {' '.join(joins)}"
        self.con.execute(sql)
        self.con.execute(
            """
            CREATE VIEW staged_dated AS
            SELECT m.*,
                   coalesce(report_date, incident_date, recommendation_date, follow_up_date, block_date) AS case_date,
                   coalesce(incident_date, report_date, recommendation_date, follow_up_date, block_date) AS phase_date,
                   coalesce(m.source, (SELECT default_source FROM opts)) AS source_code,
                   CASE WHEN regexp_replace(coalesce(raw_nip, ''), '[^0-9]', '', 'g') ~ '^[0-9]{18}$'
                             AND NOT coalesce(raw_nip, '') LIKE '%~'
                        THEN regexp_replace(raw_nip, '[^0-9]', '', 'g') END AS nip
            FROM staged_matched m
            """
        )
        self._infer_elections()
        self.con.execute(
            """
            CREATE VIEW staged_with_election AS
            SELECT sd.*,
                   coalesce(election_given, (SELECT default_election FROM opts), ie.election) AS election_code,
                   ie.candidates AS election_candidates,
                   coalesce(CASE WHEN sd.regency_code IS NULL THEN h.code END, named_province) AS province_code
            FROM staged_dated sd
            LEFT JOIN inferred ie ON ie.d = sd.phase_date
            LEFT JOIN hist h ON h.parent = sd.named_province AND sd.case_date < h.until
            """
        )
        self.con.execute(
            """
            CREATE VIEW staged_with_phase AS
            SELECT se.*, coalesce(se.phase, c.phase) AS phase_code,
                   coalesce(se.agency_type, se.agency_kind) AS agency_type_code,
                   CASE WHEN case_id_given IS NULL THEN 'auto-' || substr(md5(concat_ws('|', election_code,
                        province_code, regency_code, agency, lower(employee_name), nip, violation_type,
                        CAST(coalesce(incident_date, report_date) AS VARCHAR))), 1, 16) END AS derived_base,
                   case_id_given IS NULL AS case_id_derived
            FROM staged_with_election se
            LEFT JOIN cal c ON c.election = se.election_code AND se.phase_date BETWEEN c.start_date AND c.end_date
            """
        )
        self.con.execute(
            """
            CREATE TABLE staged_keyed AS
            SELECT sp.*, source_code || '|' || case_id || '|' || coalesce(nip, lower(employee_name), '') AS case_key
            FROM (SELECT sp.*, coalesce(case_id_given, derived_base) AS case_id FROM staged_with_phase sp) sp
            """
        )
        self._number_identical_rows()
        kinds.apply(self.con, self.options.kind or kinds.GENERIC, self.present)
        # Every later step reads staged_keyed: let go of the file's text so its memory can be returned.
        self.con.unregister("raw")
        self.raw.table = self.raw.table.schema.empty_table()
        pa.default_memory_pool().release_unused()

    def _number_identical_rows(self) -> None:
        """The n-th row (n > 1, in file order) of a group of identical rows without a case number becomes
        'auto-<hash>-n'. Done on the few repeated keys only, by a narrow window and an UPDATE: a window
        over every staged row and column doubled the staging time of a million-row file."""
        self.con.execute(
            """
            UPDATE staged_keyed SET case_id = staged_keyed.case_id || '-' || o.n,
                                    case_key = staged_keyed.source_code || '|' || staged_keyed.case_id || '-' || o.n
                                               || '|' || coalesce(staged_keyed.nip, lower(staged_keyed.employee_name), '')
            FROM (SELECT _row, row_number() OVER (PARTITION BY source_code, derived_base ORDER BY _row) AS n
                  FROM staged_keyed
                  WHERE derived_base IS NOT NULL AND (source_code, derived_base) IN (
                      SELECT (source_code, derived_base) FROM staged_keyed WHERE derived_base IS NOT NULL
                      GROUP BY source_code, derived_base HAVING count(*) > 1)) o
            WHERE staged_keyed._row = o._row AND o.n > 1
            """
        )

    def _infer_elections(self) -> None:
        """Election for each distinct date where the file has none: the one election whose active period
        (registration to recapitulation) holds the date, else the one whose whole calendar holds it;
        where two fit, it stays unknown and is reported."""
        dates = [
            d
            for (d,) in self.con.execute(
                "SELECT DISTINCT phase_date FROM staged_dated WHERE phase_date IS NOT NULL"
            ).fetchall()
        ]
        cal = self.calendar.copy()
        cal["start_date"] = pd.to_datetime(cal["start_date"]).dt.date
        cal["end_date"] = pd.to_datetime(cal["end_date"]).dt.date
        spans = []
        for election, g in cal.groupby("election"):
            core = g[~g["phase"].isin(["pra-tahapan", "pasca"])]
            spans.append(
                (
                    str(election),  # the groupby key: an election code
                    g["start_date"].min(),
                    g["end_date"].max(),
                    core["start_date"].min(),
                    core["end_date"].max(),
                )
            )
        rows = []
        for d in dates:
            active = [e for e, _s, _e, cs, ce in spans if cs <= d <= ce]
            whole = [e for e, s, e_, _cs, _ce in spans if s <= d <= e_]
            only = active if len(active) == 1 else (whole if not active and len(whole) == 1 else [])
            rows.append((d, only[0] if only else None, ", ".join(sorted(active or whole))))
        frame = pd.DataFrame(rows, columns=["d", "election", "candidates"])
        self.con.register("inferred", frame.astype({"election": "object", "candidates": "object"}))

    # -- problems ---------------------------------------------------------------------------------
    def rejections(self) -> pd.DataFrame:
        params: dict[str, str] = {}
        parts = [
            "SELECT _row, 'location' AS col, raw_location AS value, loc_err_id AS reason_id, loc_err_en AS reason_en "
            "FROM staged_keyed WHERE loc_err_id IS NOT NULL"
        ]
        for c in DATE_COLUMNS:
            if c in self.present:
                parts.append(
                    f"SELECT _row, '{c}', raw_{c}, {c}_err_id, {c}_err_en FROM staged_keyed WHERE {c}_err_id IS NOT NULL"
                )
        date_errs = " OR ".join(f"{c}_err_id IS NOT NULL" for c in DATE_COLUMNS)
        parts.append(
            f"SELECT _row, 'date', '', {_reason_sql('imp_no_date', params)} "
            f"FROM staged_keyed WHERE case_date IS NULL AND NOT ({date_errs})"
        )
        self.con.execute(
            "CREATE TABLE rejected (_row INTEGER, col VARCHAR, value VARCHAR, reason_id VARCHAR, reason_en VARCHAR)"
        )
        self.con.execute(f"INSERT INTO rejected {' UNION ALL '.join(parts)}", params)
        params = {}
        self.con.execute(
            f"""
            INSERT INTO rejected
            SELECT _row, 'case_id', case_id, {_reason_sql("imp_duplicate_row", params, row="first_row")}
            FROM (SELECT _row, case_id, case_key,
                         first_value(_row) OVER (PARTITION BY case_key ORDER BY _row) AS first_row,
                         row_number() OVER (PARTITION BY case_key ORDER BY _row) AS n
                  FROM staged_keyed WHERE _row NOT IN (SELECT _row FROM rejected))
            WHERE n > 1
            """,
            params,
        )
        return self.con.execute(
            "SELECT _row AS row_no, col, value, reason_id, reason_en FROM rejected ORDER BY _row, col"
        ).df()

    def warning_frame(self) -> pd.DataFrame:
        params: dict[str, str] = {}
        parts = []
        for f in FIELDS:
            if f in self.present:
                parts.append(
                    f"SELECT _row, '{f}' AS col, raw_{f} AS value, {_reason_sql('imp_unknown_value', params)} "
                    f"FROM staged_keyed WHERE {f} IS NULL AND raw_{f} IS NOT NULL"
                )
        parts.append(
            "SELECT _row, 'regency', raw_location, loc_warn_id, loc_warn_en FROM staged_keyed WHERE loc_warn_id IS NOT NULL"
        )
        parts.append(kinds.warning_sql())
        if "election" in self.present:
            parts.append(
                f"SELECT _row, 'election', raw_election, {_reason_sql('imp_unknown_election', params)} "
                "FROM staged_keyed WHERE election_given IS NULL AND raw_election IS NOT NULL"
            )
        parts.append(
            "SELECT _row, 'election', CAST(phase_date AS VARCHAR), "
            f"{_reason_sql('imp_election_undecided', params, candidates='election_candidates')} FROM staged_keyed "
            "WHERE election_code IS NULL AND raw_election IS NULL AND phase_date IS NOT NULL"
        )
        parts.append(
            "SELECT _row, 'phase', CAST(phase_date AS VARCHAR), "
            f"{_reason_sql('imp_outside_calendar', params, election='election_code')} FROM staged_keyed "
            "WHERE phase_code IS NULL AND raw_phase IS NULL AND election_code IS NOT NULL AND phase_date IS NOT NULL"
        )
        if "nip" in self.present:
            for key in ("imp_nip_excel", "imp_nip_not_18"):
                params |= {f"{key}_{lang}": t(key, lang) for lang in ("id", "en")}
            parts.append(
                "SELECT _row, 'nip', raw_nip, CASE WHEN raw_nip LIKE '%~' THEN $imp_nip_excel_id "
                "ELSE $imp_nip_not_18_id END, CASE WHEN raw_nip LIKE '%~' THEN $imp_nip_excel_en "
                "ELSE $imp_nip_not_18_en END FROM staged_keyed WHERE raw_nip IS NOT NULL AND nip IS NULL"
            )
        if "record_blocked" in self.present:
            parts.append(
                f"SELECT _row, 'record_blocked', raw_record_blocked, {_reason_sql('imp_unknown_value', params)} "
                "FROM staged_keyed WHERE record_blocked IS NULL AND raw_record_blocked IS NOT NULL"
            )
        self.con.execute(
            "CREATE TABLE warned (_row INTEGER, col VARCHAR, value VARCHAR, reason_id VARCHAR, reason_en VARCHAR)"
        )
        self.con.execute(f"INSERT INTO warned {' UNION ALL '.join(parts)}", params)
        return self.con.execute(
            "SELECT _row AS row_no, col, value, reason_id, reason_en FROM warned "
            "WHERE _row NOT IN (SELECT _row FROM rejected) ORDER BY _row, col"
        ).df()

    def unknown_places(self) -> list[dict]:
        """Province and regency spellings behind rejected locations, with their row counts: what the
        upload page lets the user assign to a code."""
        frame = self.con.execute(
            "SELECT 'province' AS field, raw_province AS value, count(*) AS n, list(_row ORDER BY _row)[1:20] AS rows "
            "FROM staged_keyed WHERE loc_err_id IS NOT NULL AND raw_province IS NOT NULL AND raw_regency IS NULL GROUP BY ALL "
            "UNION ALL SELECT 'regency', raw_regency, count(*), list(_row ORDER BY _row)[1:20] "
            "FROM staged_keyed WHERE loc_err_id IS NOT NULL AND raw_regency IS NOT NULL GROUP BY ALL ORDER BY 3 DESC"
        ).fetchall()
        return [
            {
                "field": f,
                "column": self.header(f),
                "value": v,
                "count": int(n),
                "rows": [int(r) for r in rows],
            }
            for f, v, n, rows in frame
        ]

    ACCEPTED = """
        SELECT case_key, source_code AS source, case_id, case_id_derived, election_code AS election,
               phase_code AS phase, report_date, incident_date, recommendation_date, follow_up_date, case_date,
               province_code, regency_code, agency, agency_type_code AS agency_type, position, employee_name,
               nip, violation_type, origin, status, sanction, record_blocked, block_date, unblock_date, file_kind,
               _row AS source_row
        FROM staged_keyed WHERE _row NOT IN (SELECT _row FROM rejected)
    """

    def accepted_keys(self) -> pa.Table:
        """The case keys of the rows to merge (small: what the store needs to tell new from known)."""
        return self.con.sql(f"SELECT case_key FROM ({self.ACCEPTED})").to_arrow_table()

    def accepted(self, known: pa.Table, new: bool) -> pa.RecordBatchReader:
        """The rows to merge whose key is (not) among `known`, in the stored columns, as a stream of
        batches: read once by the store, never held whole."""
        self.con.register("known", known)
        condition = "NOT IN" if new else "IN"
        return self.con.sql(
            f"SELECT * FROM ({self.ACCEPTED}) WHERE case_key {condition} (SELECT case_key FROM known)"
        ).fetch_record_batch(BATCH_ROWS)

    def remove(self) -> None:
        self.con.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _shown(value: str | None) -> str | None:
    """A cell as reports show it: trimmed, None when blank. Worked out once per distinct value in the maps,
    not per row: trimming every cell of a million rows cost about a second."""
    return (value or "").strip() or None


def _memory_limit() -> str:
    return f"{config.setting_int('import_memory_mb')}MB"


def _problems(frame: pd.DataFrame, headers: dict[str, str]) -> list[RowProblem]:
    # namedtuples of the rejections table (row_no, col, value, reason_id, reason_en); the stubs cannot type them
    rows: Iterable[Any] = frame.itertuples(index=False)
    return [
        RowProblem(
            int(r.row_no),
            headers.get(r.col, r.col),
            "" if r.value is None else str(r.value),
            r.reason_id,
            r.reason_en,
        )
        for r in rows
    ]


def _first_rows(rows: pd.Series) -> list:
    return list(rows[:20])


def _unmapped(frame: pd.DataFrame, headers: dict[str, str]) -> list[dict]:
    if frame.empty:
        return []
    grouped = frame.groupby(["col", "value"], dropna=False)["row_no"].agg(["count", _first_rows])
    out = [
        {
            "field": col,
            "column": headers.get(col, col),
            "value": value,
            "count": int(n),
            "rows": [int(x) for x in rows],
        }
        for (col, value), (n, rows) in zip(grouped.index, grouped.itertuples(index=False), strict=True)
    ]
    return sorted(out, key=lambda d: -d["count"])


# -- merging --------------------------------------------------------------------------------------
def _merge(con: duckdb.DuckDBPyConnection, stager: _Stager, batch_id: int) -> tuple[int, int, int]:
    """Write the staged rows: new cases straight from the staging stream, known ones compared with what
    is stored (changed: the old version to case_history, then replaced; unchanged: left alone). Returns
    the counts of new, updated and unchanged rows."""
    present = stager.present

    def provided(column: str) -> bool:
        return any(src in present for src in DERIVED_FROM.get(column, (column,)))

    con.register("incoming_keys", stager.accepted_keys())
    known = con.sql(
        "SELECT case_key FROM cases WHERE case_key IN (SELECT case_key FROM incoming_keys)"
    ).to_arrow_table()
    con.unregister("incoming_keys")
    # A re-import without a column keeps the stored value of what that column gives.
    values = ", ".join(
        f"i.{c} AS {c}" if provided(c) or c == "case_key" else f"c.{c} AS {c}" for c in STORED_COLUMNS
    )
    con.register("incoming", stager.accepted(known, new=False))
    con.execute(
        f"CREATE TEMP TABLE merged AS SELECT {values}, i.source_row "
        "FROM incoming i JOIN cases c ON c.case_key = i.case_key"
    )
    con.unregister("incoming")
    same = " AND ".join(
        f"c.{c}::VARCHAR IS NOT DISTINCT FROM m.{c}::VARCHAR" for c in STORED_COLUMNS if c != "case_key"
    )
    con.execute(
        f"CREATE TEMP TABLE changed AS SELECT m.case_key FROM merged m JOIN cases c ON c.case_key = m.case_key "
        f"WHERE NOT coalesce({same}, false)"
    )
    updated = con.execute("SELECT count(*) FROM changed").fetchall()[0][0]
    unchanged = known.num_rows - updated
    con.execute(
        "INSERT INTO case_history SELECT $b, c.* FROM cases c WHERE c.case_key IN (SELECT case_key FROM changed)",
        {"b": batch_id},
    )
    _checkpoint("history")
    con.execute("DELETE FROM cases WHERE case_key IN (SELECT case_key FROM changed)")
    _checkpoint("delete")
    cols = ", ".join(STORED_COLUMNS)
    con.execute(
        f"INSERT INTO cases ({cols}, batch_id, source_row) SELECT {cols}, $b, source_row FROM merged "
        "WHERE case_key IN (SELECT case_key FROM changed)",
        {"b": batch_id},
    )
    con.register("incoming", stager.accepted(known, new=True))
    loaded = con.execute(
        f"INSERT INTO cases ({cols}, batch_id, source_row) SELECT {cols}, $b, source_row FROM incoming",
        {"b": batch_id},
    ).fetchall()[0][0]
    con.unregister("incoming")
    _checkpoint("insert")
    for table in ("merged", "changed"):
        con.execute(f"DROP TABLE {table}")
    return loaded, updated, unchanged


def import_bytes(store: Store, data: bytes, options: ImportOptions) -> ImportReport:
    """Import one file's content; raises FileRefused (nothing changed) when it cannot be imported at all."""
    options.report_progress(0.05, *both("progress_reading"))
    raw = read_bytes(data, options.sheet, options.header_row, options.header_rows)
    del data  # from here on the rows live in `raw`; a caller that passed the only reference frees the file
    options.report_progress(0.3, *both("progress_mapping"))
    saved_headers, saved_values, calendar = store_context(store, options.source)
    mapping = map_headers(raw.headers, saved_headers, options.header_overrides)
    mapping = _kind_of(raw, mapping, saved_headers, options)
    if not (mapping.has("province") or mapping.has("regency")):
        raise FileRefused.of("refuse_no_location", headers=", ".join(raw.headers[:12]))
    if not any(mapping.has(c) for c in DATE_COLUMNS):
        raise FileRefused.of("refuse_no_date_column")
    rows_read = raw.rows
    stager = _Stager(raw, mapping, options, saved_values, calendar)
    try:
        stager.stage()
        rejected = stager.rejections()
        warned = stager.warning_frame()
        places = stager.unknown_places()
        return _save(store, stager, raw, rows_read, mapping, rejected, warned, places, options)
    finally:
        stager.remove()


def _save(
    store: Store,
    stager: _Stager,
    raw: RawTable,
    rows_read: int,
    mapping: HeaderMapping,
    rejected: pd.DataFrame,
    warned: pd.DataFrame,
    places: list[dict],
    options: ImportOptions,
) -> ImportReport:
    """Merge the staged rows in one transaction of the store (rolled back for a dry run) and report."""
    options.report_progress(0.7, *both("progress_saving"))
    headers = {c: mapping.header_of(c, raw.headers) for c in CANONICAL_COLUMNS}
    headers["location"] = " / ".join(
        mapping.header_of(c, raw.headers) for c in ("province", "regency") if mapping.has(c)
    )
    errors = sorted(raw.problems + _problems(rejected, headers), key=lambda e: e.row)
    rows_rejected = len({e.row for e in errors})
    batch_id = None
    loaded = updated = unchanged = 0
    repeats: list[dict] = []
    with store.connect() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            # fetchall, not fetchone: DuckDB refuses register() while a result is still open.
            batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM batches").fetchall()[0][0]
            repeats = fewer_repeats(con, stager.con)
            loaded, updated, unchanged = _merge(con, stager, batch_id)
            con.execute(
                "INSERT INTO batches VALUES ($id, $at, $user, $file, $sum, $source, $sample, $read, $loaded, $updated, "
                "$unchanged, $rejected, NULL, NULL)",
                {
                    "id": batch_id,
                    "at": datetime.now(),
                    "user": options.user,
                    "file": options.file_name or "(tanpa nama)",
                    "sum": raw.checksum,
                    "source": options.source,
                    "sample": options.is_sample,
                    "read": rows_read,
                    "loaded": loaded,
                    "updated": updated,
                    "unchanged": unchanged,
                    "rejected": rows_rejected,
                },
            )
            audit.record(
                con,
                options.user,
                "import",
                f"{options.file_name}: {loaded} baru, {updated} diperbarui, {rows_rejected} ditolak",
                batch_id,
            )
            _record_kind(con, batch_id, options.detected)
            linking.rebuild_cases(con)
            _checkpoint("batch")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("ROLLBACK" if options.dry_run else "COMMIT")
    return ImportReport(
        batch_id=None if options.dry_run else batch_id,
        rows_read=rows_read,
        rows_loaded=loaded,
        rows_updated=updated,
        rows_unchanged=unchanged,
        rows_rejected=rows_rejected,
        errors=errors,
        warnings=_repeat_warnings(repeats, headers) + _problems(warned.head(MAX_WARNINGS), headers),
        warnings_total=len(warned) + len(repeats),
        unmapped=_unmapped(warned, headers),
        unknown_places=places,
        columns={raw.headers[i]: c for i, c in mapping.columns.items()},
        ignored_headers=mapping.ignored,
        file={
            "name": options.file_name,
            "kind": raw.kind,
            "encoding": raw.encoding,
            "delimiter": raw.delimiter,
            "sheet": raw.sheet,
            "sheets": raw.sheets,
            "header_row": raw.header_row,
            "header_rows": raw.header_rows,
            "checksum": raw.checksum,
        },
        dry_run=options.dry_run,
        fewer_repeats=repeats,
        date_orders={stager.header(c): o for c, o in stager.date_orders.items()},
        skipped=raw.skipped,
        rows_skipped=raw.rows_skipped,
        kind=_kind_json(options.detected),
    )


def _repeat_warnings(repeats: list[dict], headers: dict[str, str]) -> list[RowProblem]:
    """One warning per group of identical rows the file holds fewer of than the store, at its first row."""
    return [
        RowProblem(g["rows"][0], headers.get("case_id", "case_id"), "", g["reason_id"], g["reason_en"])
        for g in repeats
    ]


# -- file kinds (#14) -----------------------------------------------------------------------------
def _kind_of(
    raw: RawTable, mapping: HeaderMapping, saved_headers: dict[str, str], options: ImportOptions
) -> HeaderMapping:
    """Detect (or take the chosen) kind of file, map the headers whose meaning depends on it, and let an
    'other' source give way to the kind's; the kind in effect is left in `options.detected`."""
    found = kinds.detect(raw.headers, mapping, options.kind)
    options.detected = found
    options.kind = found.kind
    options.source = kinds.implied_source(found.kind, options.source)
    overrides = kinds.header_overrides(found.kind, raw.headers, mapping, options.header_overrides)
    if overrides != options.header_overrides:
        mapping = map_headers(raw.headers, saved_headers, overrides)
    return mapping


def _record_kind(con: duckdb.DuckDBPyConnection, batch_id: int, found: kinds.Kind | None) -> None:
    if found is None:
        return
    con.execute(
        "INSERT INTO batch_kinds VALUES ($b, $k, $c, $rid, $ren)",
        {"b": batch_id, "k": found.kind, "c": found.chosen, "rid": found.reason_id, "ren": found.reason_en},
    )


def _kind_json(found: kinds.Kind | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {
        "kind": found.kind,
        "chosen": found.chosen,
        "reason_id": found.reason_id,
        "reason_en": found.reason_en,
    }


def import_file(store: Store, path: str | Path, options: ImportOptions) -> ImportReport:
    path = Path(path)
    if not options.file_name:
        options.file_name = path.name
    try:
        data = [path.read_bytes()]
    except OSError as exc:
        raise FileRefused.of("refuse_cannot_open", reason=exc.strerror) from exc
    # hand over the only reference, so the file's bytes are freed once they are parsed
    return import_bytes(store, data.pop(), options)


def later_batches_touching(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    """Newer batches that replaced rows this batch wrote: undo them first, or the undo would not be exact."""
    return [
        b
        for (b,) in con.execute(
            "SELECT DISTINCT replaced_by FROM case_history WHERE batch_id = $b ORDER BY 1", {"b": batch_id}
        ).fetchall()
    ]


def undo_batch(store: Store, batch_id: int, user: str = "cli") -> dict[str, int]:
    """Restore the exact state before a batch: its new rows removed, the rows it replaced put back."""
    with store.transaction() as con:
        row = con.execute("SELECT undone_at FROM batches WHERE batch_id = $b", {"b": batch_id}).fetchone()
        if row is None:
            raise NetralitasError.of("undo_no_batch", batch=batch_id)
        if row[0] is not None:
            raise NetralitasError.of("undo_already", batch=batch_id)
        later = later_batches_touching(con, batch_id)
        if later:
            listed = ", ".join(map(str, later))
            raise NetralitasError.of("undo_newer_first", batches=listed)
        removed = con.execute("SELECT count(*) FROM cases WHERE batch_id = $b", {"b": batch_id}).fetchall()[
            0
        ][0]
        con.execute("DELETE FROM cases WHERE batch_id = $b", {"b": batch_id})
        restored = con.execute(
            "SELECT count(*) FROM case_history WHERE replaced_by = $b", {"b": batch_id}
        ).fetchall()[0][0]
        con.execute(
            "INSERT INTO cases SELECT * EXCLUDE (replaced_by) FROM case_history WHERE replaced_by = $b",
            {"b": batch_id},
        )
        con.execute("DELETE FROM case_history WHERE replaced_by = $b", {"b": batch_id})
        linking.rebuild_cases(con)  # the links only this batch's records supported go with them
        con.execute(
            "UPDATE batches SET undone_at = $at, undone_by = $u WHERE batch_id = $b",
            {"at": datetime.now(), "u": user, "b": batch_id},
        )
        audit.record(con, user, "undo", f"{removed} dihapus, {restored} dipulihkan", batch_id)
    return {"removed": removed - restored, "restored": restored}
