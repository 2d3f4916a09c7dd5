// ChurnWatch console: live worklist (polls a fingerprint each second, swaps in the server-rendered,
// HTML-escaped rows when it changes) and the charts. No inline script: the CSP forbids it.
(function () {
  "use strict";

  function liveWorklist() {
    var results = document.getElementById("results");
    if (!results) { return; }
    var fingerprintUrl = results.dataset.fingerprint;
    var fragmentUrl = results.dataset.fragment;
    var last = null;
    function tick() {
      fetch(fingerprintUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (body) {
          var live = document.getElementById("live");
          if (live) { live.classList.remove("stale"); }
          if (last !== null && body.fingerprint !== last) {
            return fetch(fragmentUrl, { credentials: "same-origin" }).then(function (r) { return r.text(); })
              .then(function (html) { results.innerHTML = html; last = body.fingerprint; });
          }
          last = body.fingerprint;
        })
        .catch(function () { var live = document.getElementById("live"); if (live) { live.classList.add("stale"); } })
        .finally(function () { setTimeout(tick, 1000); });
    }
    tick();
  }

  var SEVERITY = { LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
  var COLORS = ["#2357d9", "#d9622b", "#5b8c5a", "#b4232c", "#c79a12", "#6f4bb8", "#2a9d8f", "#8d99ae", "#e76f51", "#264653"];

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") { return; }
    var c = echarts.init(el, null, { renderer: "canvas" });
    option.color = option.color || COLORS;
    option.animation = false; // a work tool: show the figures at once, not a show
    option.textStyle = { fontFamily: "Inter, Segoe UI, system-ui, sans-serif", fontSize: 11 };
    option.grid = option.grid || { left: 64, right: 16, top: 30, bottom: 28 };
    option.tooltip = option.tooltip || { trigger: "axis" };
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
  }

  function severityChart() {
    var el = document.getElementById("severity-chart");
    if (!el) { return; }
    var revisions = JSON.parse(el.dataset.revisions || "[]");
    if (!revisions.length) { el.classList.add("hidden"); el.style.display = "none"; return; }
    chart("severity-chart", {
      legend: { show: false },
      xAxis: { type: "time" },
      yAxis: { type: "value", min: 0, max: 4, interval: 1,
               axisLabel: { formatter: function (v) { return ["", "low", "medium", "high", "critical"][v] || ""; } } },
      series: [{ type: "line", step: "end", name: "severity", symbolSize: 7,
                 data: revisions.map(function (r) { return [r.at, r.status === "RESOLVED" ? 0 : SEVERITY[r.severity]]; }) },
               { type: "line", name: "risk", yAxisIndex: 0, showSymbol: false, lineStyle: { opacity: 0 }, data: [] }]
    });
  }

  function trendChart() {
    var el = document.getElementById("trend-chart");
    if (!el) { return; }
    var trend = JSON.parse(el.dataset.trend || "{}");
    var weeks = {};
    Object.keys(trend).forEach(function (c) { Object.keys(trend[c]).forEach(function (w) { weeks[w] = true; }); });
    var x = Object.keys(weeks).sort();
    chart("trend-chart", {
      legend: { top: 0 },
      xAxis: { type: "category", data: x },
      yAxis: { type: "value", minInterval: 1 },
      series: Object.keys(trend).map(function (c) {
        return { type: "bar", stack: "t", name: c,
                 // [tickets opened that week, days of it that spiked]
                 data: x.map(function (w) { var v = trend[c][w]; return v ? v[0] : 0; }),
                 markPoint: { symbol: "pin", symbolSize: 30, itemStyle: { color: "#b4232c" },
                   data: x.filter(function (w) { return trend[c][w] && trend[c][w][1] > 0; })
                          .map(function (w) { return { coord: [w, trend[c][w][0]], value: "spike" }; }) } };
      })
    });
  }

  // The weekly complaint review: tickets per ISO week, stacked by category (the top 8, the rest as
  // "other"), with a pin on each category's weeks that had a spike day.
  function complaintsChart() {
    var el = document.getElementById("complaints-chart");
    if (!el) { return; }
    var report = JSON.parse(el.dataset.report || "{}");
    var x = (report.weeks || []).map(function (w) { return w.week + (w.partial ? "*" : ""); });
    var rows = report.categories || [];
    var top = rows.slice(0, 8);
    var rest = rows.slice(8);
    var series = top.map(function (r) {
      return { type: "bar", stack: "w", name: r.category,
               data: r.weeks.map(function (w) { return w.tickets; }),
               markPoint: { symbol: "pin", symbolSize: 28, itemStyle: { color: "#b4232c" },
                 data: r.weeks.map(function (w, i) { return w.spike_days.length ? { coord: [x[i], w.tickets], value: "spike" } : null; })
                              .filter(function (p) { return p !== null; }) } };
    });
    if (rest.length) {
      series.push({ type: "bar", stack: "w", name: "other (" + rest.length + ")", itemStyle: { color: "#c4c9d4" },
                    data: x.map(function (_, i) { return rest.reduce(function (sum, r) { return sum + r.weeks[i].tickets; }, 0); }) });
    }
    chart("complaints-chart", { legend: { top: 0, type: "scroll" }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: x }, yAxis: { type: "value", minInterval: 1 }, series: series });
  }

  function seriesOf(block, type, extra) {
    return Object.keys(block.series).map(function (name) {
      var s = { type: type, name: name.toLowerCase().replace(/_/g, " "), data: block.series[name] };
      Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
      return s;
    });
  }

  function chartsPage() {
    var root = document.getElementById("charts");
    if (!root) { return; }
    fetch(root.dataset.source, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (d) {
      chart("chart-alerts", { legend: { top: 0 }, xAxis: { type: "category", data: d.alerts_per_day.x },
        yAxis: { type: "value", minInterval: 1 }, series: seriesOf(d.alerts_per_day, "bar") });
      chart("chart-incidents", { legend: { top: 0, type: "scroll" }, xAxis: { type: "category", data: d.incidents_by_kind.x },
        yAxis: { type: "value", minInterval: 1 }, series: seriesOf(d.incidents_by_kind, "line", { stack: "k", areaStyle: { opacity: 0.25 }, showSymbol: false }) });
      var c = d.complaints_per_week;
      var complaintSeries = seriesOf(c, "bar", { stack: "c" });
      complaintSeries.forEach(function (s, i) {
        var key = Object.keys(c.series)[i];
        var spikes = (c.spikes || {})[key] || [];
        s.markPoint = { symbol: "pin", symbolSize: 28, itemStyle: { color: "#b4232c" },
          data: (c.spike_x || []).map(function (w, j) { return spikes[j] > 0 ? { coord: [w, c.series[key][c.x.indexOf(w)]], value: "spike" } : null; })
                                 .filter(function (p) { return p !== null; }) };
      });
      chart("chart-complaints", { legend: { top: 0, type: "scroll" }, xAxis: { type: "category", data: c.x },
        yAxis: { type: "value", minInterval: 1 }, series: complaintSeries });
      chart("chart-outcomes", { legend: { top: 0 }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 150, right: 16, top: 30, bottom: 28 },
        xAxis: { type: "value", minInterval: 1 }, yAxis: { type: "category", data: d.outcomes_per_playbook.x },
        series: seriesOf(d.outcomes_per_playbook, "bar", { stack: "o" }) });
      var rows = (d.playbook_outcomes || { rows: [] }).rows;
      function percent(share) { return share === null || share === undefined ? null : Math.round(share * 100); }
      chart("chart-saved-rate", { legend: { top: 0 },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
                   valueFormatter: function (v) { return v === null || v === undefined ? "–" : v + " %"; } },
        grid: { left: 150, right: 16, top: 30, bottom: 28 },
        xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.playbook; }) },
        series: [{ type: "bar", name: "saved rate", data: rows.map(function (r) { return percent(r.saved_rate); }) },
                 { type: "bar", name: "callbacks in time", data: rows.map(function (r) { return percent(r.callback_in_time_share); }) }] });
    });
  }

  // A no-contact resolve cannot name a channel (the server answers 400): take the choice away.
  function resolveForm() {
    var outcome = document.getElementById("outcome");
    var contact = document.getElementById("resolve-contact");
    if (!outcome || !contact) { return; }
    function sync() {
      var none = outcome.value === "no_contact";
      contact.disabled = none;
      if (none) { contact.value = ""; }
    }
    outcome.addEventListener("change", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    liveWorklist();
    resolveForm();
    severityChart();
    trendChart();
    complaintsChart();
    chartsPage();
  });
})();
