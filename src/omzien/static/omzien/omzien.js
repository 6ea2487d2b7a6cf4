/* Omzien: small helpers for staff pages (no framework).
 * 1. Put back what was typed before the session expired (see core/session_expiry.py).
 * 2. Warn a minute before the idle timeout, with a button that keeps the session alive. */
(function () {
  "use strict";

  function restoreKeptInput() {
    var source = document.getElementById("omzien-kept-input");
    if (!source) return;
    var kept;
    try { kept = JSON.parse(source.textContent); } catch (e) { return; }
    if (!kept || !kept.fields) return;
    var forms = Array.prototype.filter.call(document.forms, function (form) {
      var target = form.getAttribute("hx-post") || form.getAttribute("action") || "";
      return target && kept.action && target.split("?")[0] === kept.action;
    });
    var scope = forms.length ? forms[0] : document;
    var first = null;
    Object.keys(kept.fields).forEach(function (name) {
      var values = kept.fields[name];
      var fields = scope.querySelectorAll("[name=\"" + CSS.escape(name) + "\"]");
      Array.prototype.forEach.call(fields, function (field) {
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = values.indexOf(field.value) !== -1;
        } else if (field.type !== "hidden" && field.type !== "file") {
          field.value = values[0] || "";
          if (!first && field.value) first = field;
        }
      });
    });
    var details = scope.closest ? scope.closest("details") : null;
    if (details) details.open = true;
    if (first) first.focus();
  }

  function idleWarning() {
    var meta = document.querySelector("meta[name='omzien-idle-seconds']");
    var box = document.getElementById("omzien-idle-warning");
    if (!meta || !box) return;
    var seconds = parseInt(meta.content, 10);
    if (!(seconds > 90)) return;
    var timer = null;
    function hide() { box.hidden = true; }
    function arm() {
      hide();
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        box.hidden = false;
        var button = box.querySelector("button");
        if (button) button.focus();
      }, (seconds - 60) * 1000);
    }
    var button = box.querySelector("button");
    if (button) {
      button.addEventListener("click", function () {
        fetch(box.getAttribute("data-keep-alive"), { credentials: "same-origin" })
          .then(function (answer) { return answer.json(); })
          .then(function (body) { if (body.ok) arm(); else window.location.reload(); })
          .catch(function () { window.location.reload(); });
      });
    }
    document.body.addEventListener("htmx:afterRequest", arm);
    arm();
  }

  /* After a failed submit the error summary takes focus, so keyboard and screen-reader
   * users land on what went wrong (also after an htmx swap). */
  function focusErrors(root) {
    var summary = (root || document).querySelector(".omzien-error-summary");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }

  function start() {
    restoreKeptInput();
    idleWarning();
    if (!document.getElementById("omzien-kept-input")) focusErrors(document);
    document.body.addEventListener("htmx:afterSwap", function (event) {
      focusErrors(event.detail && event.detail.target);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
