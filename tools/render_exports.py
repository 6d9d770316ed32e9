"""Render the exports in the programs people open them with, and say what came out.

    python tools/render_exports.py [MAP ...] [--out DIR] [--png]

For each map (default: maps/*.toml), and a map of number- and date-like text,
it writes every export into DIR (default: a temporary folder, printed), then,
for each client that is installed:

- Mermaid CLI (`mmdc`) draws the `journey` diagram to SVG: its width and height;
- Chromium prints the HTML page to PDF (A4 landscape, as a person would from
  the print dialog): its page count; with `--png`, `pdftoppm` turns the pages
  into PNG images to look at;
- cmark-gfm (GitHub's Markdown) renders the Markdown: links it made (should be 0);
- LibreOffice opens the `--excel` CSV and the xlsx as a spreadsheet would
  (special numbers detected) and saves them as plain CSV: the cells whose
  text changed (should be 0), against the plain CSV's count for comparison.

A missing client is skipped with the line that installs it (Debian). Nothing
here is a test: it is for looking at the real output by hand, and for the
figures quoted in docs/exports.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.catalogue import load_catalogues  # noqa: E402
from tui.core.document import MapDocument  # noqa: E402
from tui.output.formats import BINARY, FORMATS, Source, renderer  # noqa: E402
from tui.output.i18n import detect_lang, use_language  # noqa: E402

INSTALL = {
    "mmdc": "npm install -g @mermaid-js/mermaid-cli  (with PUPPETEER_SKIP_DOWNLOAD=1 to use Debian's chromium)",
    "chromium": "apt-get install -y chromium",
    "pdftoppm": "apt-get install -y poppler-utils",
    "pdfinfo": "apt-get install -y poppler-utils",
    "cmark-gfm": "apt-get install -y cmark-gfm",
    "soffice": "apt-get install -y --no-install-recommends libreoffice-calc-nogui",
}
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1, default columns, en-US,
#: quoted cells not forced to text, special numbers (dates, times, 1e5) detected.
CSV_IN = "CSV:44,34,76,1,,1033,false,true"
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"
#: A map of text a spreadsheet likes to convert, rendered after the maps asked for.
NUMBERS = """schema = 1
title = "Nombres et dates"

[[stages]]
id = "a"
name = "0612345678"
situation = "1/2"

[[stages.touchpoints]]
response = "TRUE"
who = "=1+1"
pain = "12:30"
opportunity = "3 mars"
emotion = 1

[[stages.touchpoints]]
response = "-5"
who = "007"
pain = "1e5"
opportunity = "(3)"
"""


def which(name: str) -> str | None:
    names = CHROMIUM if name == "chromium" else (name,)
    return next((found for found in map(shutil.which, names) if found), None)


def run(command: list[str], timeout: int = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def export_all(path: Path, out: Path) -> dict[str, Path]:
    document = MapDocument.load(path)
    catalogues = load_catalogues(path)
    use_language(detect_lang(None, document.map.locale, document=True))
    written = {}
    for name in FORMATS:
        for excel in (False, True) if name == "csv" else (False,):
            source = Source(document.map, catalogues, text=document.text(), excel=excel)
            target = out / f"{path.stem}{'-excel' if excel else ''}.{'md' if name == 'markdown' else 'mmd' if name == 'mermaid' else name}"
            data = renderer(name)(source)
            target.write_bytes(data if name in BINARY else data.encode("utf-8"))
            written[name + ("-excel" if excel else "")] = target
    return written


def mermaid(mmd: Path, out: Path) -> str:
    mmdc, chromium = which("mmdc"), which("chromium")
    if not mmdc:
        return f"skipped: {INSTALL['mmdc']}"
    config = out / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": chromium, "args": ["--no-sandbox"]} if chromium else {"args": ["--no-sandbox"]}))
    svg = mmd.with_suffix(".svg")
    done = run([mmdc, "-q", "-p", str(config), "-i", str(mmd), "-o", str(svg)])
    if done.returncode != 0 or not svg.exists():
        return f"mmdc failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}"
    box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg.read_text(encoding="utf-8"))
    return f"{float(box.group(1)):.0f} × {float(box.group(2)):.0f} px ({svg.name})" if box else "no viewBox"


def pages(pdf: Path) -> int | None:
    info = which("pdfinfo")
    if info:
        found = re.search(r"^Pages:\s+(\d+)", run([info, str(pdf)]).stdout, re.MULTILINE)
        if found:
            return int(found.group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes())) or None


def html(page: Path, png: bool) -> str:
    chromium = which("chromium")
    if not chromium:
        return f"skipped: {INSTALL['chromium']}"
    pdf = page.with_suffix(".pdf")
    run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.resolve().as_uri()])
    if not pdf.exists():
        return "chromium wrote no PDF"
    line = f"{pages(pdf)} A4 pages ({pdf.name})"
    if png:
        if which("pdftoppm"):
            run([which("pdftoppm"), "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))])
            line += f", pages as {pdf.stem}-N.png"
        else:
            line += f"; no PNG: {INSTALL['pdftoppm']}"
    return line


def markdown(md: Path) -> str:
    cmark = which("cmark-gfm")
    if not cmark:
        return f"skipped: {INSTALL['cmark-gfm']}"
    done = run([cmark, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter", str(md)])
    md.with_suffix(".gfm.html").write_text(done.stdout, encoding="utf-8")
    return f"{done.stdout.count('<a ')} links made, {done.stdout.count('<tr>')} table rows ({md.stem}.gfm.html)"


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def spreadsheet(files: dict[str, Path], out: Path) -> str:
    soffice = which("soffice")
    if not soffice:
        return f"skipped: {INSTALL['soffice']}"
    expected = _cells(files["csv"].read_text(encoding="utf-8"))
    expected = [[re.sub(r"^'(?=[-=+@])", "", cell) for cell in row] for row in expected]  # the formula guard shows as typed
    report = []
    for name in ("csv", "csv-excel", "xlsx"):
        source = files[name]
        folder = out / f"lo-{name}"
        command = [soffice, "--headless", f"-env:UserInstallation=file://{out / 'lo-profile'}", "--convert-to", CSV_OUT,
                   "--outdir", str(folder), str(source)]
        if name != "xlsx":
            command[3:3] = [f"--infilter={CSV_IN}"]
        run(command, timeout=300)
        converted = folder / (source.stem + ".csv")
        if not converted.exists():
            report.append(f"{name}: LibreOffice wrote nothing")
            continue
        got = _cells(converted.read_text(encoding="utf-8"))
        changed = sum(a != b for row_a, row_b in zip(expected, got) for a, b in zip(row_a, row_b))
        report.append(f"{name}: {changed} cells changed")
    return "; ".join(report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("maps", nargs="*", type=Path, default=sorted((ROOT / "maps").glob("*.toml")))
    parser.add_argument("--out", type=Path, help="folder for the exports and renderings (default: a new temporary one)")
    parser.add_argument("--png", action="store_true", help="also turn the PDF pages into PNG images (pdftoppm)")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="parcours-exports-"))
    out.mkdir(parents=True, exist_ok=True)
    print(f"exports and renderings in {out}")
    for name in INSTALL:
        if not which(name):
            print(f"  {name} missing: {INSTALL[name]}")
    numbers = out / "nombres.toml"
    numbers.write_text(NUMBERS, encoding="utf-8")
    for path in [*args.maps, numbers]:
        files = export_all(path, out)
        jmap = MapDocument.load(path).map
        print(f"\n{path.name}: {len(jmap.stages)} stages, {jmap.touchpoint_count} touchpoints")
        print(f"  mermaid  {mermaid(files['mermaid'], out)}")
        print(f"  html     {html(files['html'], args.png)}")
        print(f"  markdown {markdown(files['markdown'])}")
        print(f"  sheets   {spreadsheet(files, out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
