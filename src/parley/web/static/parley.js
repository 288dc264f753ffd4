// Article page: clicking (or pressing Enter on) a highlighted passage shows the details of
// every annotation over it in the side panel. No inline script: loaded from /static.
"use strict";
(function () {
  function show(span) {
    var panel = document.getElementById("details");
    if (!panel) return;
    panel.querySelectorAll(".note").forEach(function (n) { n.hidden = true; });
    document.querySelectorAll(".hl.pinned").forEach(function (n) { n.classList.remove("pinned"); });
    var hint = panel.querySelector(".hint");
    if (hint) hint.hidden = true;
    (span.dataset.notes || "").split(" ").forEach(function (id) {
      var note = document.getElementById("note-" + id);
      if (note) note.hidden = false;
    });
    span.classList.add("pinned");
    if (panel.scrollIntoView) panel.scrollIntoView({ block: "nearest" });  // the sidebar scrolls
  }
  document.addEventListener("click", function (event) {
    var span = event.target.closest ? event.target.closest(".text .hl") : null;
    if (span) show(span);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches(".text .hl")) {
      show(event.target);
    }
  });
})();

// Lists: a header marked "sortable" sorts the rows shown by its column (numbers as numbers),
// a second click reverses; the page works the same without script, in the server's order.
(function () {
  function value(row, index, kind) {
    var cell = row.children[index];
    var text = cell ? cell.textContent.trim() : "";
    if (kind === "number") {
      var n = parseFloat(text.replace(/[^0-9.\-]/g, ""));
      return isNaN(n) ? -Infinity : n;
    }
    return text.toLowerCase();
  }
  function sort(th) {
    var table = th.closest("table");
    var body = table && table.tBodies[0];
    if (!body) return;
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var kind = th.dataset.sort;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, kind), y = value(b, index, kind);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.addEventListener("click", function (event) {
    var th = event.target.closest ? event.target.closest("th.sortable") : null;
    if (th) sort(th);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches("th.sortable")) {
      sort(event.target);
    }
  });
})();
