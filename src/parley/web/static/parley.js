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
  // a link to a passage (#quote-Q1, #event-V2, from the lists) pins its details
  document.addEventListener("DOMContentLoaded", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var span = id ? document.getElementById(id) : null;
    if (span && span.matches(".text .hl")) show(span);
  });
})();

