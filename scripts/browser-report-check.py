#!/usr/bin/env python3
"""Opens HTML reports in headless Chromium and checks what a reader would notice.

    scripts/browser-report-check.py REPORT.html...

For each report, at a 1280 px screen and at A4 print width (print media, 186 mm = 703 px
of content between the report's 12 mm page margins):
  - every chart (inline SVG) has a non-empty box inside the page, draws something, and
    keeps its texts inside its box;
  - no text overflows its table cell, its chart, its paragraph or the page width, and no
    table is wider than the page's text column;
  - every table header is visible (a box, not hidden, its text not clipped);
  - print: each chart and table is kept whole (break-inside: avoid, rows never split,
    headers repeated) and is no taller than an A4 page, so it can be kept whole.
Prints one line per problem and exits 1 if there is any; exits 77 (skipped) with the
reason when python3-selenium, chromium or chromedriver is missing (Debian: apt-get
install chromium chromium-driver python3-selenium).
"""
import json
import os
import shutil
import sys

SKIP = 77
SCREEN_WIDTH = 1280
# A4 is 210 mm wide; the report's @page margins are 12 mm each side: 186 mm at 96 px per inch.
PRINT_WIDTH = round(186 / 25.4 * 96)          # 703 px
PRINT_PAGE_HEIGHT = round((297 - 28) / 25.4 * 96)   # 1017 px between 14 mm margins

CHECK_JS = r"""
const mode = arguments[0], pageHeight = arguments[1];
const fails = [];
const W = document.documentElement.clientWidth;
const short = s => (s || '').replace(/\s+/g, ' ').trim().slice(0, 60);
const body = document.body.getBoundingClientRect();
const bodyStyle = getComputedStyle(document.body);
const columnRight = body.right - parseFloat(bodyStyle.paddingRight) + 1;
if (document.documentElement.scrollWidth > W + 1)
  fails.push(`page is ${document.documentElement.scrollWidth} px wide, wider than the window (${W} px)`);
function heading(el) {
  let e = el;
  while (e && e !== document.body) {
    let p = e.previousElementSibling;
    while (p) { if (/^H[1-3]$/.test(p.tagName)) return short(p.textContent); p = p.previousElementSibling; }
    e = e.parentElement;
  }
  return '(no heading)';
}
const charts = [...document.querySelectorAll('svg')].filter(s => !s.classList.contains('spark'));
charts.forEach((svg, i) => {
  const name = `chart ${i + 1} under "${heading(svg)}"`;
  const r = svg.getBoundingClientRect();
  if (!(r.width >= 100 && r.height >= 40)) fails.push(`${name}: empty box ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
  if (r.left < -0.5 || r.right > W + 0.5) fails.push(`${name}: box ${r.left.toFixed(0)}–${r.right.toFixed(0)} outside the page (0–${W})`);
  if (r.right > columnRight) fails.push(`${name}: wider than the text column`);
  if (svg.querySelectorAll('polyline,polygon,rect,circle,path').length === 0) fails.push(`${name}: draws nothing`);
  svg.querySelectorAll('text').forEach(t => {
    const b = t.getBoundingClientRect();
    if (b.width === 0) return;
    if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
      fails.push(`${name}: text "${short(t.textContent)}" overflows the chart`);
  });
  if (mode === 'print') {
    const st = getComputedStyle(svg);
    if (st.breakInside !== 'avoid') fails.push(`${name}: break-inside is ${st.breakInside}, not avoid`);
    if (r.height > pageHeight) fails.push(`${name}: ${r.height.toFixed(0)} px tall, more than an A4 page (${pageHeight} px)`);
  }
});
document.querySelectorAll('table').forEach((t, i) => {
  const name = `table ${i + 1} under "${heading(t)}"`;
  const r = t.getBoundingClientRect();
  if (r.right > columnRight || r.left < -0.5) fails.push(`${name}: ${r.width.toFixed(0)} px wide, beyond the text column`);
  if (mode === 'print') {
    const st = getComputedStyle(t);
    if (st.breakInside !== 'avoid') fails.push(`${name}: break-inside is ${st.breakInside}, not avoid`);
    if (r.height > pageHeight) {
      // Longer than a page: it cannot be kept whole, so rows must not split and headers repeat.
      const row = t.querySelector('tbody tr'), head = t.querySelector('thead');
      if (row && getComputedStyle(row).breakInside !== 'avoid') fails.push(`${name}: taller than a page and rows may split`);
      if (head && getComputedStyle(head).display !== 'table-header-group') fails.push(`${name}: taller than a page and headers do not repeat`);
    }
  }
});
document.querySelectorAll('td, th').forEach(c => {
  if (c.scrollWidth > c.clientWidth + 1) fails.push(`text "${short(c.textContent)}" overflows its cell under "${heading(c.closest('table'))}"`);
  const b = c.getBoundingClientRect();
  if (b.right > W + 0.5) fails.push(`cell "${short(c.textContent)}" beyond the page width`);
});
document.querySelectorAll('th').forEach(h => {
  if (!h.textContent.trim()) return;
  const r = h.getBoundingClientRect(), st = getComputedStyle(h);
  const name = `header "${short(h.textContent)}" under "${heading(h.closest('table'))}"`;
  if (r.width < 1 || r.height < 1 || st.visibility !== 'visible' || st.display === 'none' || parseFloat(st.opacity) === 0)
    fails.push(`${name}: not visible`);
  if (h.scrollHeight > h.clientHeight + 1) fails.push(`${name}: text clipped`);
  if (st.color === st.backgroundColor) fails.push(`${name}: text in its background's colour`);
});
document.querySelectorAll('h1, h2, h3, p, li, footer').forEach(e => {
  const r = e.getBoundingClientRect();
  if (e.scrollWidth > e.clientWidth + 1 || r.right > W + 0.5) fails.push(`text "${short(e.textContent)}" overflows the page width`);
  if (mode === 'print' && /^H[23]$/.test(e.tagName) && getComputedStyle(e).breakAfter !== 'avoid')
    fails.push(`heading "${short(e.textContent)}": may be printed apart from its chart or table`);
});
return {fails: fails, charts: charts.length, tables: document.querySelectorAll('table').length};
"""


def skip(reason):
    print(f"skipped: {reason}")
    sys.exit(SKIP)


def main(paths):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        skip("python3-selenium is not installed (apt-get install python3-selenium)")
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    if not browser:
        skip("chromium is not installed (apt-get install chromium)")
    if not driver_path:
        skip("chromedriver is not installed (apt-get install chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage",
              f"--window-size={SCREEN_WIDTH},1000"]:
        options.add_argument(a)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    problems = 0
    try:
        for path in paths:
            url = "file://" + os.path.abspath(path)
            for mode, width in [("screen", SCREEN_WIDTH), ("print", PRINT_WIDTH)]:
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": mode})
                driver.get(url)
                result = driver.execute_script(CHECK_JS, mode, PRINT_PAGE_HEIGHT)
                for f in result["fails"]:
                    problems += 1
                    print(f"FAIL {os.path.basename(path)} [{mode} {width} px]: {f}")
                print(f"ok-count {os.path.basename(path)} [{mode} {width} px]: {result['charts']} charts, {result['tables']} tables, "
                      f"{len(result['fails'])} problems")
    finally:
        driver.quit()
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(64)
    main(sys.argv[1:])
