"""Rebuild the shipped CBS reference files from the shared source data.

Not used at run time: the product reads only the files in this folder (see README.md),
so a fresh clone works without the source folder. This script documents, and makes
reproducible, how those files were derived from the sources in ``../shared/data``
(described in ``../shared/data/README.md``).

Usage (from the repository root)::

    .venv/bin/python src/omzien/core/data/build.py                 # rebuild in place
    .venv/bin/python src/omzien/core/data/build.py --check         # rebuild to a temp dir, compare
    .venv/bin/python src/omzien/core/data/build.py --source DIR --out DIR

What it does:

* ``municipalities_2024.csv``: the 342 gemeenten of CBS "Gemeenten alfabetisch 2023" (the set is
  identical to 2024) with their province, joined on the gemeentecode to all columns of
  ``kwb_gemeenten_2024.csv`` (CBS Kerncijfers wijken en buurten 2024). The name is the KWB 2024
  name, which keeps CBS's suffix for duplicate names ("Laren (NH.)", "Hengelo (O.)"). Sorted by
  gemeentecode; values are copied verbatim.
* ``districts_2024.geojson.gz``: ``wijken_2024.geojson`` without the ``GM0998`` Buitenland feature,
  sorted by wijkcode; the age properties ``0_15`` ... ``65plus`` are renamed ``pct_0_15`` ...
  ``pct_65plus``; every feature gets every property (null where CBS has no value). Geometry is kept
  as is (already simplified to ~50 m and rounded to 5 decimals by the source). Written compactly,
  one feature per line, gzip level 9 with a zero timestamp so the output is byte-reproducible.
* ``pc4_2024.csv``: selected and renamed columns of ``pc4_2024_centroids.csv``, sorted by pc4.

``--check`` compares the decompressed content of the .gz file, since another zlib version may
compress the same bytes differently. The script refuses to run when a source file's sha256
differs from the one recorded in the shared README (override with ``--force``), and prints
row counts and sha256 of its output for README.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[3]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data"

SOURCES = {
    "gemeenten_alfabetisch_2023.csv": (
        "f3ed08affc477e9ef26e2c73e7cc91535b6ed207d92f0f5d6b81a69887061f43"
    ),
    "kwb_gemeenten_2024.csv": "43429ae577e6a088ad875ee5d913f4afae5d132cdf8a959701f96a099c855b8d",
    "wijken_2024.geojson": "475cde506f94f4438875ef3bb1540411280e7de2a8bae7ac50f429a783222379",
    "pc4_2024_centroids.csv": "a47a60a01e0bbed1919dd44c5c269b28ce84d072ed9c29496aeb08d1bc3db01d",
}

OUTPUTS = ("municipalities_2024.csv", "districts_2024.geojson.gz", "pc4_2024.csv")

BUITENLAND = "GM0998"

# Property order of a district feature; the age columns are renamed to pct_*.
DISTRICT_PROPERTIES = [
    ("wijkcode", "wijkcode"),
    ("wijknaam", "wijknaam"),
    ("gemeentecode", "gemeentecode"),
    ("gemeentenaam", "gemeentenaam"),
    ("aantal_inwoners", "aantal_inwoners"),
    ("mannen", "mannen"),
    ("vrouwen", "vrouwen"),
    ("0_15", "pct_0_15"),
    ("15_25", "pct_15_25"),
    ("25_45", "pct_25_45"),
    ("45_65", "pct_45_65"),
    ("65plus", "pct_65plus"),
    ("huishoudens", "huishoudens"),
    ("gem_huishouden_grootte", "gem_huishouden_grootte"),
    ("bevolkingsdichtheid", "bevolkingsdichtheid"),
    ("personenautos", "personenautos"),
]

# Output column <- source column of pc4_2024_centroids.csv.
PC4_COLUMNS = [
    ("pc4", "pc4"),
    ("lat", "lat"),
    ("lon", "lon"),
    ("inhabitants", "inwoners"),
    ("place", "plaats"),
    ("gemeentecode_2024", "gemeentecode_2024"),
    ("wijkcode_2024", "wijkcode_2024"),
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def content(path: Path) -> bytes:
    """The bytes of a file, decompressed for .gz (zlib versions may compress differently)."""
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build_municipalities(source: Path, out: Path) -> int:
    listing = read_csv(source / "gemeenten_alfabetisch_2023.csv")
    kwb = {row["gemeentecode"]: row for row in read_csv(source / "kwb_gemeenten_2024.csv")}
    codes = {row["GemeentecodeGM"] for row in listing}
    if codes != set(kwb):
        raise SystemExit(f"gemeente codes differ: {sorted(codes ^ set(kwb))}")
    figures = [column for column in next(iter(kwb.values())) if column != "gemeentecode"]
    figures.remove("gemeentenaam")
    header = ["gemeentecode", "gemeentenaam", "provinciecode", "provincienaam", *figures]
    rows = []
    for row in sorted(listing, key=lambda r: r["GemeentecodeGM"]):
        figures_row = kwb[row["GemeentecodeGM"]]
        rows.append(
            [
                row["GemeentecodeGM"],
                figures_row["gemeentenaam"],
                row["ProvinciecodePV"],
                row["Provincienaam"],
                *(figures_row[column] for column in figures),
            ]
        )
    write_csv(out / "municipalities_2024.csv", header, rows)
    return len(rows)


def build_districts(source: Path, out: Path) -> int:
    with (source / "wijken_2024.geojson").open(encoding="utf-8") as handle:
        collection = json.load(handle)
    features = []
    for feature in collection["features"]:
        properties = feature["properties"]
        if properties["gemeentecode"] == BUITENLAND:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {new: properties.get(old) for old, new in DISTRICT_PROPERTIES},
                "geometry": feature["geometry"],
            }
        )
    features.sort(key=lambda f: f["properties"]["wijkcode"])
    metadata = {
        "type": "wijken",
        "year": 2024,
        "count": len(features),
        "source": "CBS/Kadaster Wijk- en Buurtkaart 2024 with CBS Kerncijfers wijken en buurten "
        "2024 (85984NED), via PDOK cbs/wijkenbuurten/2024",
        "licence": "CC BY 4.0",
        "attribution": "Bron: CBS; grenzen: CBS, Kadaster",
    }
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    text = io.StringIO()
    text.write('{"type":"FeatureCollection","metadata":')
    text.write(json.dumps(metadata, **compact))
    text.write(',"features":[\n')
    text.write(",\n".join(json.dumps(feature, **compact) for feature in features))
    text.write("\n]}\n")
    # filename="" and mtime=0 keep the gzip header, and so the sha256, reproducible.
    with (
        (out / "districts_2024.geojson.gz").open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(text.getvalue().encode("utf-8"))
    return len(features)


def build_pc4(source: Path, out: Path) -> int:
    rows = read_csv(source / "pc4_2024_centroids.csv")
    rows.sort(key=lambda row: row["pc4"])
    write_csv(
        out / "pc4_2024.csv",
        [new for new, _ in PC4_COLUMNS],
        [[row[old] for _, old in PC4_COLUMNS] for row in rows],
    )
    return len(rows)


def build(source: Path, out: Path, *, force: bool = False) -> dict[str, int]:
    for name, expected in SOURCES.items():
        path = source / name
        if not path.is_file():
            raise SystemExit(f"missing source file {path}")
        actual = sha256(path)
        if actual != expected and not force:
            raise SystemExit(
                f"{path}: sha256 {actual} differs from the documented {expected} "
                "(use --force to build anyway, then update README.md)"
            )
    out.mkdir(parents=True, exist_ok=True)
    return {
        "municipalities_2024.csv": build_municipalities(source, out),
        "districts_2024.geojson.gz": build_districts(source, out),
        "pc4_2024.csv": build_pc4(source, out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="shared data folder")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument("--force", action="store_true", help="ignore source sha256 mismatches")
    parser.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary folder and compare with the files in --out",
    )
    args = parser.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(args.source, Path(tmp), force=args.force)
            differ = [n for n in OUTPUTS if content(Path(tmp) / n) != content(args.out / n)]
        if differ:
            print(f"differ from a fresh build: {', '.join(differ)}")
            return 1
        print("all reference files match a fresh build")
        return 0

    counts = build(args.source, args.out, force=args.force)
    for name, rows in counts.items():
        path = args.out / name
        print(f"{name}: {rows} rows, {path.stat().st_size} bytes, sha256 {sha256(path)}")
        if name.endswith(".gz"):
            data = content(path)
            print(f"  uncompressed: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
