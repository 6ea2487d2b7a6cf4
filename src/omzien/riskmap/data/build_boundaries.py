"""Rebuild ``municipalities_2024.geojson.gz`` (the national map's boundaries) from the
shared source data. Not used at run time: the product reads only the shipped file.

Usage (from the repository root)::

    .venv/bin/python -m omzien.riskmap.data.build_boundaries           # rebuild in place
    .venv/bin/python -m omzien.riskmap.data.build_boundaries --check   # compare with a build

From ``../shared/data/gemeenten_2024.geojson`` (CBS Gebiedsindelingen 2024,
``gemeente_gegeneraliseerd``; see README.md here): the 342 municipalities, properties
``code`` (statcode) and ``name`` (statnaam) only, sorted by code, each geometry simplified
with Douglas-Peucker at :data:`TOLERANCE` degrees and rounded to 5 decimals
(``omzien.riskmap.geometry``). Compact JSON, one feature per line, gzip level 9 with a zero
timestamp. The script refuses a source whose sha256 differs from the recorded one.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

from omzien.riskmap.geometry import positions, simplify_geometry

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[4] / "shared" / "data" / "gemeenten_2024.geojson"
SOURCE_SHA256 = "8515793351e499fe7a73edf88e96262abd41dbcfcafe8dba566b6e2f58257ccc"
OUTPUT = HERE / "municipalities_2024.geojson.gz"
#: Degrees; about 15 m, far below a pixel of the national map at any zoom it is drawn at.
TOLERANCE = 0.00015

METADATA = {
    "source": "CBS Gebiedsindelingen 2024, gemeente_gegeneraliseerd (PDOK)",
    "licence": "CC BY 4.0",
    "attribution": "CBS, Kadaster",
}


def build(source: Path) -> bytes:
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != SOURCE_SHA256:
        raise SystemExit(f"{source}: sha256 differs from the recorded source")
    features = []
    for feature in json.loads(data)["features"]:
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": props["statcode"], "name": props["statnaam"]},
                "geometry": simplify_geometry(feature["geometry"], TOLERANCE),
            }
        )
    features.sort(key=lambda f: f["properties"]["code"])
    head = json.dumps({"type": "FeatureCollection", "metadata": METADATA}, ensure_ascii=False)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = head[:-1] + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"
    count = sum(positions(f["geometry"]) for f in features)
    print(f"{len(features)} municipalities, {count} positions, {len(text.encode())} bytes")
    return text.encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args(argv)
    text = build(args.source)
    if args.check:
        same = gzip.decompress(OUTPUT.read_bytes()) == text
        print("same as the shipped file" if same else "DIFFERS from the shipped file")
        return 0 if same else 1
    OUTPUT.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    print(f"{OUTPUT.name}: sha256 (gzip) {hashlib.sha256(OUTPUT.read_bytes()).hexdigest()}")
    print(f"uncompressed sha256 {hashlib.sha256(text).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
