"""Command line: `python -m loaders ingest|show|rebuild|brief|evaluate`.

Exit codes: 0 all went in; 3 some files, feeds or dataset rows were skipped (named in the
summary); 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from loaders.store import DEFAULT_DATA, Store
from loaders.store.formats import to_csv
from loaders.store.schema import TABLES

EXIT_SKIPPED = 3


def _ingest(args: argparse.Namespace) -> int:
    from loaders.ingest import Summary, expand_paths, ingest_feeds, ingest_paths

    if not args.paths and not args.feeds:
        print("ingest: name files or folders, or --feeds FILE", file=sys.stderr)
        return 2
    store = Store(args.data)
    files = [p for p in expand_paths(args.paths) if p.exists()]
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        # A feed holds many pages, so the bar counts pages and grows as they turn up.
        bar = tqdm(total=len(files) or None, unit="page", desc="ingest", file=sys.stderr)
    progress = (lambda _: bar.update(1)) if bar else None
    summary = ingest_paths(args.paths, store, progress=progress) if args.paths else Summary()
    if args.feeds:
        summary = ingest_feeds(args.feeds, store, summary=summary, fetch_articles=args.fetch_articles or None, progress=progress)
    if bar:
        bar.close()
    print("\n".join(summary.lines()))
    return EXIT_SKIPPED if summary.skipped else 0


def _show(args: argparse.Namespace) -> int:
    # Only the articles table shows article text; the rest leave it on disk.
    frames = Store(args.data).frames(article_text=args.table == "articles")
    frame = getattr(frames, args.table)
    if args.format == "json":
        frame.to_json(sys.stdout, orient="records", date_format="iso", indent=1)
        print()
    else:
        to_csv(frame, sys.stdout, raw=args.raw, date_format="%Y-%m-%d")
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    store = Store(args.data)
    if not store.batch_dirs():
        print(f"rebuild: no batches in {args.data}; nothing to do")
        return 0
    figures = store.rebuild(progress=lambda step: print(step, file=sys.stderr))
    print(
        f"reports: {figures['reports']:,}\n"
        f"incidents: {figures['incidents_before']:,} before, {figures['incidents']:,} after\n"
        f"seconds: {figures['seconds']:.1f}"
    )
    return 0


def _brief(args: argparse.Namespace) -> int:
    from urllib.parse import parse_qs

    # The one place loaders/ reaches into views/: the briefing pack is drawn (maps, charts,
    # slides), and the command line is the user's front door to it. Nothing else here does.
    from views.brief import write_brief
    from views.filters import Filter

    if args.out.suffix.lower() not in (".pptx", ".pdf"):
        print("brief: --out takes a .pptx or a .pdf file", file=sys.stderr)
        return 2
    value, notices = Filter.from_query_params(parse_qs(args.query.lstrip("?"), keep_blank_values=True))
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    frames = Store(args.data).frames(article_text=False)
    print(f"{value.describe()}: {len(value.apply(frames).incidents):,} incident(s)")
    print(f"wrote {write_brief(frames, value, args.out)}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from loaders.evaluate import evaluate_file

    try:
        result = evaluate_file(args.file, report_dir=args.report)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 2
    print(result.render())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Turn news pages into incident data.")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser(
        "ingest",
        help="read pages, feeds and ACLED/UCDP GED exports (files or folders) into the store",
        description="Files: .txt and .html pages, .rss/.atom/.xml feeds, .csv exports of ACLED or UCDP GED.",
    )
    ingest.add_argument("paths", nargs="*", type=Path)
    ingest.add_argument("--feeds", type=Path, default=None, help="a TOML file listing feeds to fetch (see feeds.toml)")
    ingest.add_argument(
        "--fetch-articles",
        action="store_true",
        help="for feed items that carry only a summary, fetch the linked page (overrides the feeds file)",
    )
    ingest.add_argument("--data", type=Path, default=DEFAULT_DATA, help="store folder (default: data/)")
    ingest.set_defaults(run=_ingest)
    show = sub.add_parser("show", help="print a table of the store")
    show.add_argument("table", choices=[t for t in TABLES])
    show.add_argument("--data", type=Path, default=DEFAULT_DATA)
    show.add_argument("--format", choices=["csv", "json"], default="csv")
    show.add_argument(
        "--raw",
        action="store_true",
        help="CSV cells exactly as stored, for programs: no apostrophe before a cell starting with = + - @ "
        "(which a spreadsheet would run as a formula), no quotes round every cell",
    )
    show.set_defaults(run=_show)
    rebuild = sub.add_parser(
        "rebuild",
        help="assign every stored report to its incident again (after a change of the merge rules)",
        description="Reports are assigned to incidents when they are stored; this recomputes every assignment "
        "in stored order and stores the result. Corrections stay: incident ids come from each incident's first report.",
    )
    rebuild.add_argument("--data", type=Path, default=DEFAULT_DATA)
    rebuild.set_defaults(run=_rebuild)
    brief = sub.add_parser(
        "brief",
        help="write a briefing pack (PPTX slides or PDF pages) of the incidents a filter keeps",
        description="Slides: title (filters in words, dates, when made), map, timeline, the deadliest incidents, "
        "key quotes, sources and method. --query takes the query string of a shared dashboard link.",
    )
    brief.add_argument("--data", type=Path, default=DEFAULT_DATA)
    brief.add_argument("--query", default="", help="e.g. 'min_killed=40&country=Iraq' (the part of a shared link after ?)")
    brief.add_argument("--out", type=Path, required=True, help="FILE.pptx or FILE.pdf")
    brief.set_defaults(run=_brief)
    evaluate = sub.add_parser("evaluate", help="measure extraction on coded incident descriptions")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--report", type=Path, default=None, help="folder for the misses as CSV")
    evaluate.set_defaults(run=_evaluate)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # `show ... | head` closed the pipe: not an error. Point stdout at devnull so the
        # interpreter's final flush does not raise again (Python docs, "Note on SIGPIPE").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
