#!/usr/bin/env python3
"""Draws the benchmark's cost curves (CSV files written by the curve runs of benchmark.sh --curves) as
plain SVG line charts, without plotting libraries: one chart per CSV, x on a log scale.

    deploy/local/curves.py DIR     reads DIR/*.csv, writes DIR/<name>.svg beside each
"""
import csv
import math
import sys
from pathlib import Path

CHARTS = {
    "catalogue-growth": ("Tagging: 4 KB items per CPU-second (one core) as the catalogue grows",
                         "generated rules added to the bundled catalogue", "extra_rules", "items_per_cpu_second"),
    "subscription-matching": ("Alert matching: signals per CPU-second (one core) as subscriptions grow",
                              "active subscriptions", "subscriptions", "signals_per_cpu_second"),
}
W, H, L, R, T, B = 640, 360, 80, 30, 50, 60


def draw(path: Path) -> None:
    title, xlabel, xkey, ykey = CHARTS[path.stem]
    rows = list(csv.DictReader(path.open()))
    xs = [float(r[xkey]) for r in rows]
    ys = [float(r[ykey]) for r in rows]
    # log x: 0 (the catalogue as bundled) drawn at the first tick
    lx = [math.log10(max(x, 1)) for x in xs]
    x0, x1 = min(lx), max(lx) if max(lx) > min(lx) else min(lx) + 1
    y1 = max(ys) * 1.15
    px = lambda v: L + (v - x0) / (x1 - x0) * (W - L - R)
    py = lambda v: H - B - v / y1 * (H - T - B)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="24" text-anchor="middle" font-size="14">{title}</text>',
           f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
           f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
           f'<text x="{(L + W - R) / 2}" y="{H - 15}" text-anchor="middle">{xlabel} (log scale)</text>']
    for i in range(5):
        v = y1 * i / 4
        out.append(f'<line x1="{L - 4}" y1="{py(v):.1f}" x2="{W - R}" y2="{py(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 8}" y="{py(v) + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    pts = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(lx, ys))
    out.append(f'<polyline points="{pts}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    for a, x, y in zip(lx, xs, ys):
        out.append(f'<circle cx="{px(a):.1f}" cy="{py(y):.1f}" r="4" fill="#1f77b4"/>')
        out.append(f'<text x="{px(a):.1f}" y="{H - B + 16}" text-anchor="middle">{x:,.0f}</text>')
        out.append(f'<text x="{px(a):.1f}" y="{py(y) - 10:.1f}" text-anchor="middle">{y:,.0f}</text>')
    out.append("</svg>")
    path.with_suffix(".svg").write_text("\n".join(out) + "\n")
    print(f"[curves] {path.with_suffix('.svg')}")


if __name__ == "__main__":
    for csv_path in sorted(Path(sys.argv[1]).glob("*.csv")):
        if csv_path.stem in CHARTS:
            draw(csv_path)
