"""Staging: the file's rows normalised in an in-memory DuckDB, vectorised. Each distinct value of a column
is matched once (to a vocabulary code, a date, a region) and the rows join those maps, through views named
for what each step adds, into the table `staged_keyed` that the checks and the merge read.

Memory stays bounded at a million rows: the staging DuckDB has a memory limit and spills to a temporary
folder, the file's text is let go once it is staged, and the accepted rows leave as a stream of Arrow
batches instead of a full copy."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from .. import config
from ..reference import FIELDS, historical_units
from ..store import pid_alive
from ..text import text_key
from . import kinds
from .dates import column_order, numeric_parts, parse_date
from .mapping import DATE_COLUMNS, HeaderMapping
from .normalize import clean_agency, match_value, parse_bool, parse_election, resolve_location
from .options import ImportOptions
from .read import RawTable, parse_pool

# Rows per Arrow batch between the staging database and the store: big enough to keep both busy.
BATCH_ROWS = 100_000


class Stager:
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
        self.workdir = staging_folder()
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
        # A cell's text is staged only where the report can show it: an unknown value, a date or a place
        # that could not be read (a follow-up column's text is read again by kinds.apply). At a million
        # rows the texts of the cells that were understood made the staged table spill 500 MB to disk.
        for f in FIELDS:
            if f in p:
                joins.append(f"LEFT JOIN m_{f} ON m_{f}.raw = coalesce(r.\"{f}\", '')")
                text = f"m_{f}.text" if f == "status" else f"CASE WHEN m_{f}.code IS NULL THEN m_{f}.text END"
                select.append(f"m_{f}.code AS {f}, {text} AS raw_{f}")
            else:
                select.append(f"NULL AS {f}, NULL AS raw_{f}")
        for c in DATE_COLUMNS:
            if c in p:
                joins.append(f"LEFT JOIN m_date_{c} d_{c} ON d_{c}.raw = coalesce(r.\"{c}\", '')")
                select.append(
                    f"d_{c}.d::DATE AS {c}, d_{c}.err_id AS {c}_err_id, d_{c}.err_en AS {c}_err_en, "
                    f"CASE WHEN d_{c}.err_id IS NOT NULL THEN d_{c}.text END AS raw_{c}"
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
            "CASE WHEN loc.err_id IS NOT NULL OR loc.warn_id IS NOT NULL THEN concat_ws(' / ', loc.p_text, loc.r_text) "
            "END AS raw_location, CASE WHEN loc.err_id IS NOT NULL THEN loc.p_text END AS raw_province, "
            "CASE WHEN loc.err_id IS NOT NULL THEN loc.r_text END AS raw_regency"
        )
        if "election" in p:
            joins.append("LEFT JOIN m_election me ON me.raw = coalesce(r.election, '')")
            select.append(
                "me.code AS election_given, CASE WHEN me.code IS NULL THEN me.text END AS raw_election"
            )
        else:
            select.append("NULL AS election_given, NULL AS raw_election")
        if "agency" in p:
            joins.append("LEFT JOIN m_agency ma ON ma.raw = coalesce(r.agency, '')")
            select.append("ma.name AS agency, ma.kind AS agency_kind")
        else:
            select.append("NULL AS agency, NULL AS agency_kind")
        if "record_blocked" in p:
            joins.append("LEFT JOIN m_blocked mb ON mb.raw = coalesce(r.record_blocked, '')")
            select.append(
                "mb.flag::BOOLEAN AS record_blocked, CASE WHEN mb.flag IS NULL THEN mb.text END AS raw_record_blocked"
            )
        else:
            select.append("NULL::BOOLEAN AS record_blocked, NULL AS raw_record_blocked")
        select.append(f"{self.col('case_id')} AS case_id_given")
        # Runs of white space become one space; most names have none to fold, and a match costs a quarter of
        # a replace (RE2's \s is [\t\n\f\r ]: only a run, or white space other than a space, changes a name).
        name = self.col("employee_name")
        select.append(
            f"CASE WHEN regexp_matches({name}, '\\s\\s|[\\t\\n\\f\\r]') THEN regexp_replace({name}, '\\s+', ' ', 'g') "
            f"ELSE {name} END AS employee_name"
        )
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
                   -- most NIPs are written as 18 digits: kept as they are, without cleaning them twice
                   CASE WHEN regexp_full_match(raw_nip, '[0-9]{18}') THEN raw_nip
                        WHEN regexp_replace(coalesce(raw_nip, ''), '[^0-9]', '', 'g') ~ '^[0-9]{18}$'
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
                   CASE WHEN coalesce(election_given, (SELECT default_election FROM opts)) IS NULL
                        THEN ie.candidates END AS election_candidates,
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
            -- without the columns only the views needed, and a clean NIP's text once (see the maps above)
            SELECT sp.* EXCLUDE (case_id_given, named_province, agency_kind)
                        REPLACE (CASE WHEN nip IS NULL THEN raw_nip END AS raw_nip),
                   source_code || '|' || case_id || '|' || coalesce(nip, lower(employee_name), '') AS case_key
            FROM (SELECT sp.*, coalesce(case_id_given, derived_base) AS case_id FROM staged_with_phase sp) sp
            """
        )
        self._number_identical_rows()
        kinds.apply(self.con, self.options.kind or kinds.GENERIC, self.present)
        # Every later step reads staged_keyed: let go of the file's text so its memory can be returned.
        self.con.unregister("raw")
        self.raw.table = self.raw.table.schema.empty_table()
        pa.default_memory_pool().release_unused()
        parse_pool().release_unused()

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


# A staging folder is left behind only by an import that was killed; one this old is nobody's (a pid of
# another container sharing /tmp can look dead, a folder in use is younger).
STALE_FOLDER_S = 3600


def staging_folder() -> Path:
    """A new folder for this import's spill files, named for this process. The folders that killed imports
    left (their spill files can be hundreds of MB) are removed first."""
    now = time.time()
    for old in Path(tempfile.gettempdir()).glob("netralitas-stage-*-*"):
        pid = old.name.split("-")[2]
        try:
            stale = pid.isdigit() and not pid_alive(int(pid)) and now - old.stat().st_mtime > STALE_FOLDER_S
        except OSError:  # removed meanwhile by another import
            continue
        if stale:
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"netralitas-stage-{os.getpid()}-"))


def _shown(value: str | None) -> str | None:
    """A cell as reports show it: trimmed, None when blank. Worked out once per distinct value in the maps,
    not per row: trimming every cell of a million rows cost about a second."""
    return (value or "").strip() or None


def _memory_limit() -> str:
    return f"{config.setting_int('import_memory_mb')}MB"
