"""Command line for analysts' scheduled jobs and for tests (DESIGN.md "Command line")."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .errors import NetralitasError
from .filters import Filters
from .i18n import pick, t
from .ingest import ImportOptions, import_file, undo_batch
from .ingest.kinds import KINDS
from .metrics import DIMENSIONS, summary
from .reference import region_codes
from .store import Store
from .style import fmt_int, fmt_pct

SOURCES = ("bawaslu", "kasn", "bkn", "other")


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str, indent=None))


def _fail(exc: NetralitasError, as_json: bool) -> int:
    # One line with both languages on stderr whatever --lang: scripts and their logs read it as is.
    print(f"{exc.message_id} / {exc.message_en}", file=sys.stderr)
    if as_json:
        _print_json({"error": {"id": exc.message_id, "en": exc.message_en}})
    return 2


def cmd_import(args: argparse.Namespace) -> int:
    store = Store(args.db)
    options = ImportOptions(
        source=args.source,
        election=args.election,
        sheet=args.sheet,
        dry_run=args.dry_run,
        user=args.user,
        header_row=args.header_row,
        header_rows=args.header_rows,
        kind=args.kind,
    )
    try:
        report = import_file(store, args.file, options)
    except NetralitasError as exc:
        return _fail(exc, args.json)
    if args.json:
        _print_json(report.as_json(args.lang))
        return 0
    lang = args.lang
    if report.kind:
        reason = pick(report.kind["reason_id"], report.kind["reason_en"], lang)
        print(t("cli_file_kind", lang, kind=report.kind["kind"], reason=reason))
    verb = t("cli_dry_run", lang) if args.dry_run else t("cli_batch", lang, batch=report.batch_id)
    print(
        t(
            "cli_imported",
            lang,
            verb=verb,
            read=report.rows_read,
            loaded=report.rows_loaded,
            updated=report.rows_updated,
            unchanged=report.rows_unchanged,
            rejected=report.rows_rejected,
        )
    )
    for e in report.errors:
        reason = pick(e.reason_id, e.reason_en, lang)
        print(t("cli_error_row", lang, row=e.row, column=e.column, value=repr(e.value), reason=reason))
    if report.rows_skipped:
        print(t("cli_skipped", lang, n=report.rows_skipped))
        for s in report.skipped[:50]:
            print(t("cli_skipped_row", lang, row=s["row"], reason=pick(s["reason_id"], s["reason_en"], lang)))
    if report.warnings_total:
        print(t("cli_warnings", lang, n=report.warnings_total))
        for u in report.unmapped[:20]:
            print(
                t(
                    "cli_unmapped",
                    lang,
                    column=u["column"],
                    value=repr(u["value"]),
                    count=u["count"],
                    rows=u["rows"][:5],
                )
            )
    return 0


def _filters(args: argparse.Namespace) -> Filters:
    provinces: list[str] = []
    for p in args.province or []:
        codes = region_codes("province", p)
        if len(codes) != 1:
            raise NetralitasError.of("cli_unknown_province", name=p)
        provinces.append(codes[0])
    return Filters(
        election=tuple(v for e in args.election or [] for v in e.split(",") if v),
        province=tuple(provinces),
        source=tuple(args.source or []),
        date_from=date.fromisoformat(args.date_from) if args.date_from else None,
        date_to=date.fromisoformat(args.date_to) if args.date_to else None,
    )


def cmd_summary(args: argparse.Namespace) -> int:
    try:
        result = summary(Store(args.db), _filters(args), args.by, args.lang, args.basis)
    except NetralitasError as exc:
        return _fail(exc, args.json)
    if args.json:
        _print_json(result)
        return 0
    lang = args.lang
    rate = result["follow_up_rate"]
    print(
        t(
            "cli_summary",
            lang,
            cases=fmt_int(result["cases"], lang),
            violations=fmt_int(result["violations"], lang),
            recommendations=fmt_int(result["recommendations"], lang),
            followed_up=fmt_int(result["followed_up"], lang),
            rate="-" if rate is None else fmt_pct(rate, lang),
        )
    )
    for g in result.get("groups", []):
        counts = " ".join(
            f"{fmt_int(g[c], lang):>9}" for c in ("cases", "violations", "recommendations", "followed_up")
        )
        print(f"  {g['key']:>12}  {g['label'][:40]:<40} {counts}")
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from .alerts import alerts_cli

    return alerts_cli(Store(args.db), args.election, args.as_of, args.level, args.json, args.lang)


def cmd_batches(args: argparse.Namespace) -> int:
    store = Store(args.db)
    frame = store.query_df("SELECT * FROM batches ORDER BY batch_id")
    if args.json:
        _print_json(frame.to_dict(orient="records"))
        return 0
    lang = args.lang
    if frame.empty:
        print(t("cli_no_imports", lang))
    r: Any  # a row of the batches table
    for r in frame.itertuples(index=False):
        state = (
            t("cli_batch_undone", lang, when=f"{r.undone_at:%Y-%m-%d %H:%M}")
            if r.undone_at is not None and str(r.undone_at) != "NaT"
            else t("cli_batch_active", lang)
        )
        sample = t("cli_batch_sample", lang) if r.is_sample else ""
        counts = t(
            "cli_batch_counts",
            lang,
            read=r.rows_read,
            loaded=r.rows_loaded,
            updated=r.rows_updated,
            unchanged=r.rows_unchanged,
            rejected=r.rows_rejected,
        )
        print(
            f"{r.batch_id:>4}  {r.created_at:%Y-%m-%d %H:%M}  {r.username:<10} {r.file_name}{sample}  "
            f"{counts}  ({state})"
        )
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    try:
        result = undo_batch(Store(args.db), args.batch_id, args.user)
    except NetralitasError as exc:
        return _fail(exc, args.json)
    if args.json:
        _print_json({"batch_id": args.batch_id, **result})
    else:
        print(
            t(
                "cli_undone",
                args.lang,
                batch=args.batch_id,
                removed=result["removed"],
                restored=result["restored"],
            )
        )
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from .devtools import sample

    if args.load or args.remove:
        from .demo import load_sample, remove_sample

        store = Store(args.db)
        if args.remove:
            print(t("cli_sample_removed", args.lang, n=remove_sample(store)))
        else:
            report = load_sample(store, args.rows, args.seed)
            print(t("cli_sample_loaded", args.lang, n=report.rows_loaded, batch=report.batch_id))
        return 0
    if not args.out:
        print(t("cli_out_required", args.lang), file=sys.stderr)
        return 2
    path = sample.write_sample(args.rows, Path(args.out), seed=args.seed, messy=args.messy)
    print(t("cli_sample_written", args.lang, n=fmt_int(args.rows, args.lang), path=path))
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    import getpass

    from .auth import add_user, disable_user

    store = Store(args.db)
    if args.action == "disable":
        disable_user(store, args.name, args.user)
        print(t("cli_user_disabled", args.lang, name=args.name))
        return 0
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(t("cli_password", args.lang))
        if password != getpass.getpass(t("cli_password_repeat", args.lang)):
            print(t("cli_passwords_differ", args.lang), file=sys.stderr)
            return 2
    add_user(store, args.name, args.role, password, args.user)
    print(t("cli_user_saved", args.lang, name=args.name, role=args.role))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.viewers:  # the viewer benchmark (README "Performance"), in netralitas/devtools/viewers.py
        from .devtools.viewers import main as viewers_main

        counts = [int(k) for k in args.viewers.split(",")]
        return viewers_main(counts, args.db, args.replicas, args.rounds, args.out)
    from .devtools.bench import main as bench_main

    return bench_main(args.rows, args.runs, args.out, args.browser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netralitas", description="Netralitas ASN: impor dan ringkasan data."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help="berkas DuckDB (bawaan: NETRALITAS_DB atau data/netralitas.duckdb)")
        p.add_argument("--json", action="store_true", help="keluaran JSON")
        p.add_argument("--lang", choices=("id", "en"), default="id")
        p.add_argument("--user", default="cli", help="nama pengguna yang dicatat di riwayat")

    p = sub.add_parser("import", help="impor berkas CSV/XLSX")
    p.add_argument("file")
    p.add_argument("--source", choices=SOURCES, default="other")
    p.add_argument("--election", help="pemilihan bila berkas tidak memuatnya, mis. pilkada-2024")
    p.add_argument("--sheet", help="lembar buku kerja")
    p.add_argument("--header-row", type=int, help="baris judul kolom (1 = baris pertama), bila deteksi salah")
    p.add_argument("--header-rows", type=int, choices=(1, 2), help="judul kolom satu atau dua baris")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--kind", choices=KINDS, help="jenis berkas bila deteksi otomatis keliru")
    common(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("summary", help="ringkasan angka")
    p.add_argument("--by", choices=DIMENSIONS)
    p.add_argument("--election", action="append")
    p.add_argument("--province", action="append")
    p.add_argument("--source", action="append", choices=SOURCES)
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument(
        "--basis",
        choices=("current", "pre2022"),
        default="current",
        help="pre2022: provinsi digabung seperti sebelum pemekaran Papua 2022 (perbandingan antarpemilu)",
    )
    common(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser(
        "alerts", help="peringatan dini: wilayah yang naik dibanding pemilihan sejenis sebelumnya"
    )
    p.add_argument("--election", required=True, help="pemilihan yang berjalan, mis. pilkada-2024")
    p.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (bawaan: tanggal kasus terakhir pemilihan itu)")
    p.add_argument("--level", choices=("province", "regency"))
    common(p)
    p.set_defaults(func=cmd_alerts)

    p = sub.add_parser("batches", help="riwayat impor")
    common(p)
    p.set_defaults(func=cmd_batches)

    p = sub.add_parser("undo", help="batalkan satu batch impor")
    p.add_argument("batch_id", type=int)
    common(p)
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("user", help="pengguna dasbor (peran viewer, analyst, admin)")
    p.add_argument("action", choices=("add", "disable"))
    p.add_argument("name")
    p.add_argument("--role", choices=("viewer", "analyst", "admin"), default="viewer")
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin (untuk skrip)")
    common(p)
    p.set_defaults(func=cmd_user)

    p = sub.add_parser("bench", help="ukur target kinerja (DESIGN.md) dibanding pandas biasa")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--out", help="folder untuk JSON hasil (bawaan bench-results/)")
    p.add_argument("--browser", action="store_true", help="ukur juga tampilan pertama di chromium")
    p.add_argument("--viewers", help="penonton serentak, mis. 1,10,40 (protokol websocket Streamlit)")
    p.add_argument("--replicas", type=int, default=2, help="replika di belakang HAProxy untuk --viewers")
    p.add_argument("--rounds", type=int, default=1, help="putaran pengukuran untuk --viewers")
    p.add_argument("--db", help="berkas DuckDB untuk --viewers (bawaan: NETRALITAS_DB)")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("sample", help="data contoh sintetis")
    p.add_argument("--rows", type=int, default=5000)
    p.add_argument("--out")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument(
        "--messy", action="store_true", help="tulis seperti ekspor nyata (judul, titik koma, cp1252)"
    )
    p.add_argument("--load", action="store_true", help="muat ke basis data sebagai data contoh")
    p.add_argument("--remove", action="store_true", help="hapus data contoh dari basis data")
    common(p)
    p.set_defaults(func=cmd_sample)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except NetralitasError as exc:
        return _fail(exc, getattr(args, "json", False))
