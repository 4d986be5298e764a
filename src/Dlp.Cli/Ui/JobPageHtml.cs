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
</style>
</head>
<body>
<h1>dlp <span id="name"></span>: <span id="state">connecting</span> <small id="elapsed"></small></h1>
<table>
<thead><tr><th>stage</th><th>done</th><th>total</th><th>progress</th><th>throughput</th><th>time</th></tr></thead>
<tbody id="stages"></tbody>
</table>
<section id="loss" hidden><h2>Training loss</h2><svg id="loss-chart" width="640" height="320"></svg><div id="loss-legend"></div></section>
<section id="final" hidden><h2>Report</h2><pre id="report"></pre></section>
<pre id="error" hidden></pre>
<script>
"use strict";
const colors = ["#3b78c4", "#e07b00", "#2a9d3a", "#b00020", "#7a3fb0"];
function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; }
function fmt(x, digits) { return x.toFixed(digits); }
function renderStages(stages) {
  const body = document.getElementById("stages");
  body.replaceChildren();
  for (const s of stages) {
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
function renderLoss(losses) {
  const runs = Object.entries(losses).filter(([, v]) => v.length > 0);
  document.getElementById("loss").hidden = runs.length === 0;
  if (runs.length === 0) return;
  const svg = document.getElementById("loss-chart"), w = 640, h = 320, pad = 40;
  const all = runs.flatMap(([, v]) => v), lo = Math.min(...all), hi = Math.max(...all);
  const n = Math.max(...runs.map(([, v]) => v.length));
  const x = i => pad + (w - 2 * pad) * (n > 1 ? i / (n - 1) : 0);
  const y = v => h - pad - (h - 2 * pad) * (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  let markup = `<text x="4" y="${pad}" font-size="11">${hi.toPrecision(4)}</text><text x="4" y="${h - pad}" font-size="11">${lo.toPrecision(4)}</text>`;
  const legend = document.getElementById("loss-legend");
  legend.replaceChildren();
  runs.forEach(([name, v], k) => {
    const color = colors[k % colors.length];
    markup += `<polyline class="loss-line" fill="none" stroke="${color}" stroke-width="2" points="${v.map((l, i) => x(i) + "," + y(l)).join(" ")}"/>`;
    const item = document.createElement("span");
    item.style.color = color; item.textContent = `■ ${name} (${v.length} points, last ${v[v.length - 1].toPrecision(4)})  `;
    legend.appendChild(item);
  });
  svg.innerHTML = markup;
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
  renderLoss(job.losses);
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
