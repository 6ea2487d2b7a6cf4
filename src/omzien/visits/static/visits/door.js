/* The visit form on a weak connection (issue 11, docs/visits.md "At the door").
 *
 * Without this script the form is a normal POST. With it, the form posts with fetch; when
 * the phone is offline or the request fails, the typed visit is kept in localStorage with
 * its client_id and sent again on the `online` event and on the next visits page that loads.
 * The server stores a client_id once, so sending twice is safe.
 */
(function () {
  "use strict";

  var KEY = "omzien.visits.waiting";
  /* The Dutch texts come from the page (visits/door/_texts.html, translated there). */
  var TEXT = {
    stored: "Bewaard op dit toestel. Wordt verstuurd zodra er weer verbinding is.",
    waitingOne: "1 bezoek wacht op dit toestel. Het wordt verstuurd zodra er weer verbinding is.",
    waitingMany: "{n} bezoeken wachten op dit toestel. Ze worden verstuurd zodra er weer verbinding is.",
    failed: "Niet verstuurd, open het adres en kijk het na:",
    sent: "De bewaarde bezoeken zijn verstuurd."
  };

  function readTexts() {
    var element = document.querySelector("[data-door-texts]");
    if (!element) {
      return;
    }
    Object.keys(TEXT).forEach(function (key) {
      if (element.dataset[key]) {
        TEXT[key] = element.dataset[key];
      }
    });
  }

  function load() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function save(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list));
    } catch (error) {
      /* storage full or blocked: nothing more we can do here */
    }
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function entriesOf(form) {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") {
        entries.push([name, String(value)]);
      }
    });
    return entries;
  }

  function valueOf(entries, name) {
    for (var i = 0; i < entries.length; i += 1) {
      if (entries[i][0] === name) {
        return entries[i][1];
      }
    }
    return "";
  }

  function post(url, entries, replay) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    entries.forEach(function (entry) {
      body.append(entry[0], entry[1]);
    });
    var headers = { Accept: "application/json", "X-CSRFToken": csrfToken() };
    if (replay) {
      headers["X-Omzien-Replay"] = "1";
    }
    return window.fetch(url, {
      method: "POST",
      body: body,
      headers: headers,
      credentials: "same-origin"
    });
  }

  function isJson(response) {
    return (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
  }

  function keep(visit) {
    var list = load().filter(function (other) {
      return other.client_id !== visit.client_id;
    });
    list.push(visit);
    save(list);
  }

  function forget(clientId) {
    save(load().filter(function (visit) {
      return visit.client_id !== clientId;
    }));
  }

  function say(element, text) {
    if (!element) {
      return;
    }
    element.textContent = text;
    element.hidden = !text;
  }

  function showWaiting(extra) {
    var element = document.querySelector("[data-door-pending]");
    if (!element) {
      return;
    }
    var box = document.querySelector("[data-door-pending-box]");
    var discard = document.querySelector("[data-door-discard]");
    var list = load();
    var waiting = list.filter(function (visit) { return !visit.failed; });
    var failed = list.filter(function (visit) { return visit.failed; });
    var parts = [];
    if (waiting.length === 1) {
      parts.push(TEXT.waitingOne);
    } else if (waiting.length > 1) {
      parts.push(TEXT.waitingMany.replace("{n}", String(waiting.length)));
    }
    if (failed.length) {
      parts.push(TEXT.failed + " " + failed.map(function (visit) {
        return visit.label + (visit.reason ? " (" + visit.reason + ")" : "");
      }).join(", ") + ".");
    }
    if (extra) {
      parts.push(extra);
    }
    element.dataset.waiting = String(waiting.length);
    element.textContent = parts.join(" ");
    if (box) {
      box.hidden = !parts.length;
    }
    if (discard) {
      discard.hidden = !failed.length;
    }
  }

  function discardFailed() {
    save(load().filter(function (visit) { return !visit.failed; }));
    showWaiting();
  }

  function refused(visit, response) {
    visit.failed = true;
    var reason = isJson(response) ? response.json() : Promise.resolve({});
    return reason.then(function (data) {
      visit.reason = (data.errors || []).join(" ");
      keep(visit);
    }, function () {
      keep(visit);
    });
  }

  /* Send the stored visits one by one; stop at the first network failure. */
  var sending = false;
  function sendWaiting() {
    if (sending || !navigator.onLine) {
      return Promise.resolve();
    }
    var queue = load().filter(function (visit) { return !visit.failed; });
    if (!queue.length) {
      showWaiting();
      return Promise.resolve();
    }
    sending = true;
    var sent = 0;
    function next(index) {
      if (index >= queue.length) {
        return Promise.resolve();
      }
      var visit = queue[index];
      return post(visit.url, visit.entries, true).then(function (response) {
        if (isJson(response) && response.ok) {
          forget(visit.client_id);
          sent += 1;
        } else if (response.status < 500 && !response.redirected) {
          /* Refused: named on the list; its address page shows what was typed. */
          return refused(visit, response).then(function () { return next(index + 1); });
        }
        return next(index + 1);
      });
    }
    return next(0).catch(function () { /* offline again: try on the next occasion */ })
      .then(function () {
        sending = false;
        showWaiting(sent ? TEXT.sent : "");
      });
  }

  /* A refused stored visit comes back into its address's form, to be checked and sent. */
  function restore(form) {
    var url = form.action;
    var found = load().filter(function (visit) { return visit.failed && visit.url === url; })[0];
    if (!found || form.querySelector(".omzien-error-summary")) {
      return;
    }
    found.entries.forEach(function (entry) {
      var fields = form.querySelectorAll("[name='" + entry[0] + "']");
      Array.prototype.forEach.call(fields, function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          if (field.value === entry[1]) {
            field.checked = true;
          }
        } else {
          field.value = entry[1];
        }
      });
    });
  }

  function toggleReport(form) {
    var part = form.querySelector("[data-door-visited]");
    if (!part) {
      return;
    }
    var chosen = form.querySelector("input[name=outcome]:checked");
    part.hidden = !chosen || chosen.value !== "visited";
  }

  function submitNatively(form) {
    HTMLFormElement.prototype.submit.call(form);
  }

  function setUp(form) {
    var status = document.querySelector("[data-door-status]");
    var button = form.querySelector("button[type=submit]");
    restore(form);
    toggleReport(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "outcome") {
        toggleReport(form);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var entries = entriesOf(form);
      var visit = {
        client_id: valueOf(entries, "client_id"),
        url: form.action,
        label: form.dataset.label || "",
        entries: entries,
        stored_at: new Date().toISOString()
      };
      function storeHere() {
        keep(visit);
        say(status, TEXT.stored);
        if (button) {
          button.disabled = false;
        }
        if (status) {
          status.focus();
        }
      }
      if (!navigator.onLine) {
        storeHere();
        return;
      }
      if (button) {
        button.disabled = true;
      }
      post(visit.url, entries, false).then(function (response) {
        if (isJson(response) && response.ok) {
          return response.json().then(function (data) {
            forget(visit.client_id);
            window.location.assign(data.next);
          });
        }
        if (response.status >= 500) {
          storeHere();
          return null;
        }
        /* Refused or logged out: the server's own page says what to do, with what was typed. */
        submitNatively(form);
        return null;
      }).catch(storeHere);
    });
  }

  function start() {
    readTexts();
    var form = document.querySelector("[data-door-form]");
    var status = document.querySelector("[data-door-status]");
    if (status) {
      status.setAttribute("tabindex", "-1");
    }
    if (form) {
      setUp(form);
    }
    var discard = document.querySelector("[data-door-discard]");
    if (discard) {
      discard.addEventListener("click", discardFailed);
    }
    showWaiting();
    sendWaiting();
    window.addEventListener("online", sendWaiting);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
