namespace DeepLearningPipelines.Cli.Ui;

/// <summary>The job page: plain HTML, CSS and JavaScript with nothing fetched from elsewhere; it polls <c>/api/job</c>.</summary>
internal static class JobPageHtml
{
    public const string Text = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dlp job</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #1a1a1a; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: .3em .8em; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { width: 12em; height: .8em; background: #eee; }
.bar div { height: 100%; background: #3b78c4; }
#state.done { color: #1d7a2e; } #state.failed { color: #b00020; }
pre { background: #f6f6f6; padding: 1em; overflow: auto; }
svg { border: 1px solid #ddd; }
.legend span { margin-right: 1.2em; }
tr.earlier td { color: #666; font-style: italic; }
h2 small { font-weight: normal; color: #666; }
</style>
</head>
<body>
<h1>dlp <span id="name"></span>: <span id="state">connecting</span> <small id="elapsed"></small></h1>
<table>
<thead><tr><th>stage</th><th>done</th><th>total</th><th>progress</th><th>throughput</th><th>time</th></tr></thead>
<tbody id="stages"></tbody>
</table>
<div id="charts"></div>
<div id="tables"></div>
<section id="final" hidden><h2>Report</h2><pre id="report"></pre></section>
<pre id="error" hidden></pre>
<script>
"use strict";
const colors = ["#3b78c4", "#e07b00", "#2a9d3a", "#b00020", "#7a3fb0"];
function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; }
function fmt(x, digits) { return x.toFixed(digits); }
const shownStages = 6;
function renderStages(stages) {
  const body = document.getElementById("stages");
  body.replaceChildren();
  if (stages.length > shownStages) {
    const row = body.insertRow(); row.className = "earlier";
    const td = cell(row, `${stages.length - shownStages} earlier stages`); td.colSpan = 6;
  }
  for (const s of stages.slice(-shownStages)) {
    const row = body.insertRow();
    row.className = "stage" + (s.finished ? " finished" : " running");
    cell(row, s.name, "stage-name");
    const counted = s.done > 0 || s.total !== null;
    cell(row, counted ? String(s.done) : "", "num stage-done");
    cell(row, s.total === null ? (counted ? "?" : "") : String(s.total), "num stage-total");
    const bar = cell(row, "", "stage-bar");
    if (s.total) {
      const outer = document.createElement("div"); outer.className = "bar";
      const inner = document.createElement("div"); inner.style.width = Math.min(100, 100 * s.done / s.total) + "%";
      outer.appendChild(inner); bar.appendChild(outer);
    }
    cell(row, counted ? fmt(s.perSecond, 1) + " " + s.unit + "/s" : "", "num stage-rate");
    cell(row, fmt(s.seconds, 1) + " s", "num");
  }
}
function section(parent, cls, title) {
  let s = [...parent.children].find(e => e.dataset.title === title);
  if (!s) {
    s = document.createElement("section"); s.className = cls; s.dataset.title = title;
    const h = document.createElement("h2"); h.textContent = title; s.appendChild(h);
    parent.appendChild(s);
  }
  return s;
}
function renderChart(chart) {
  const s = section(document.getElementById("charts"), "chart", chart.title);
  const runs = chart.series.filter(r => r.x.length > 0);
  s.hidden = runs.length === 0;
  if (runs.length === 0) return;
  let svg = s.querySelector("svg"), legend = s.querySelector(".legend");
  if (!svg) {
    svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", "640"); svg.setAttribute("height", "320");
    legend = document.createElement("div"); legend.className = "legend";
    s.append(svg, legend);
  }
  const w = 640, h = 320, left = 60, right = 20, top = 20, bottom = 40;
  const xs = runs.flatMap(r => r.x), ys = runs.flatMap(r => r.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const x = v => left + (w - left - right) * (x1 > x0 ? (v - x0) / (x1 - x0) : 0.5);
  const y = v => h - bottom - (h - top - bottom) * (y1 > y0 ? (v - y0) / (y1 - y0) : 0.5);
  let markup = `<text x="4" y="${top + 4}" font-size="11">${y1.toPrecision(4)}</text>` +
    `<text x="4" y="${h - bottom}" font-size="11">${y0.toPrecision(4)}</text>` +
    `<text x="${left}" y="${h - bottom + 16}" font-size="11">${x0}</text>` +
    `<text x="${w - right}" y="${h - bottom + 16}" font-size="11" text-anchor="end">${x1}</text>` +
    `<text x="${w / 2}" y="${h - 6}" font-size="12" text-anchor="middle">${chart.xLabel}</text>`;
  legend.replaceChildren();
  runs.forEach((r, k) => {
    const color = colors[k % colors.length];
    const points = r.x.map((v, i) => x(v) + "," + y(r.y[i]));
    markup += `<polyline class="series" data-points="${points.length}" fill="none" stroke="${color}" stroke-width="2" points="${points.join(" ")}"/>`;
    if (points.length <= 50) markup += points.map(p => `<circle cx="${p.split(",")[0]}" cy="${p.split(",")[1]}" r="2.5" fill="${color}"/>`).join("");
    const item = document.createElement("span");
    item.style.color = color;
    item.textContent = `■ ${r.name}: ${r.y[r.y.length - 1].toPrecision(4)} at ${chart.xLabel} ${r.x[r.x.length - 1]}`;
    legend.appendChild(item);
  });
  svg.innerHTML = markup;
}
function renderTable(table) {
  const s = section(document.getElementById("tables"), "table", table.title);
  let t = s.querySelector("table");
  if (!t) {
    t = document.createElement("table");
    const head = t.createTHead().insertRow();
    for (const c of table.columns) { const th = document.createElement("th"); th.textContent = c; head.appendChild(th); }
    t.createTBody();
    s.appendChild(t);
  }
  s.querySelector("h2").textContent = table.title;
  if (table.totalRows > table.rows.length) {
    const note = document.createElement("small"); note.textContent = ` (latest ${table.rows.length} of ${table.totalRows})`;
    s.querySelector("h2").appendChild(note);
  }
  const body = t.tBodies[0];
  body.replaceChildren();
  for (const cells of table.rows.slice().reverse()) {
    const row = body.insertRow(); row.className = "row";
    for (const c of cells) cell(row, c);
  }
}
async function poll() {
  let job;
  try { job = await (await fetch("api/job", { cache: "no-store" })).json(); }
  catch { document.getElementById("state").textContent = "disconnected (the job has ended)"; return; }
  document.getElementById("name").textContent = job.name;
  const state = document.getElementById("state");
  state.textContent = job.state; state.className = job.state;
  document.getElementById("elapsed").textContent = fmt(job.elapsedSeconds, 1) + " s";
  renderStages(job.stages);
  job.charts.forEach(renderChart);
  job.tables.forEach(renderTable);
  if (job.report !== null) { document.getElementById("final").hidden = false; document.getElementById("report").textContent = job.report; }
  if (job.error !== null) { const e = document.getElementById("error"); e.hidden = false; e.textContent = job.error; }
  if (job.state === "running") setTimeout(poll, 300);
}
poll();
</script>
</body>
</html>
""";
}
