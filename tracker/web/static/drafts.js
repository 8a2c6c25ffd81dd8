// Nothing typed is lost when a session ends. Each form posted keeps a copy of what was typed
// in this tab (sessionStorage) until the next page. If the post found the session ended, the
// server sends the browser to sign in with ?ended=1; once signed in, the page the person was
// on gets the text back in the form with a note to check it and save again. Any other page
// forgets the copy. Passwords, hidden fields (the CSRF token, the version) and files are
// never kept. Without JavaScript none of this runs and the sign-in page says nothing was saved.
(function () {
  var DRAFTS = "tracker-drafts";
  var RESTORE = "tracker-restore-drafts";
  var KEPT = /^(text|date|url|email|number|search|radio|checkbox)$/;

  function read() {
    try { return JSON.parse(sessionStorage.getItem(DRAFTS) || "{}"); } catch (e) { return {}; }
  }
  function write(drafts) {
    try { sessionStorage.setItem(DRAFTS, JSON.stringify(drafts)); } catch (e) { /* full or off */ }
  }
  function forget() {
    try { sessionStorage.removeItem(DRAFTS); sessionStorage.removeItem(RESTORE); } catch (e) { /* off */ }
  }

  function typed(form) {
    var values = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled) return;
      if (field.tagName === "TEXTAREA" || field.tagName === "SELECT") {
        values.push([field.name, field.value]);
      } else if (field.tagName === "INPUT" && KEPT.test(field.type)) {
        if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
        values.push([field.name, field.value]);
      }
    });
    return values;
  }

  function putBack(form, values) {
    values.forEach(function (pair) {
      var fields = form.querySelectorAll('[name="' + CSS.escape(pair[0]) + '"]');
      Array.prototype.forEach.call(fields, function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          if (field.value === pair[1]) field.checked = true;
        } else if (field.type !== "hidden" && field.type !== "password") {
          field.value = pair[1];
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
    });
    var note = document.createElement("div");
    note.className = "notice notice-warning";
    note.setAttribute("role", "status");
    note.innerHTML = "<p><strong>Your session ended before this was saved.</strong> " +
      "What you typed is back in the form: check it and save it again.</p>";
    form.parentNode.insertBefore(note, form);
    var first = form.querySelector("textarea, input:not([type=hidden])");
    if (first) first.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('form[method="post"]') || form.hasAttribute("data-no-draft")) return;
    if (form.querySelector('input[type="password"]')) return;
    var drafts = {};
    drafts[form.getAttribute("action")] = {
      page: form.getAttribute("data-draft-page") || location.pathname + location.search,
      values: typed(form)
    };
    write(drafts);
  }, true);

  // A form posted in place (htmx) and answered: its copy is no longer needed. One sent to
  // sign in instead (HX-Redirect) keeps it.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    if (!event.detail.successful || (xhr && xhr.getResponseHeader("HX-Redirect"))) return;
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var drafts = read();
    if (form && drafts[form.getAttribute("action")]) forget();
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (location.pathname === "/sign-in") {
      // Kept while signing in, however many tries it takes; restored on the page after.
      if (new URLSearchParams(location.search).get("ended") === "1") {
        try { sessionStorage.setItem(RESTORE, "1"); } catch (e) { /* off */ }
      }
      return;
    }
    var restoring = sessionStorage.getItem(RESTORE) === "1";
    var drafts = read();
    var actions = Object.keys(drafts);
    if (!restoring || !actions.length) { forget(); return; }
    var here = location.pathname + location.search;
    for (var i = 0; i < actions.length; i++) {
      var form = document.querySelector('form[action="' + CSS.escape(actions[i]) + '"]');
      if (form) { putBack(form, drafts[actions[i]].values); forget(); return; }
      // The form was one opened in place (an inline update): go to its own page.
      var page = drafts[actions[i]].page;
      if (page && page !== here && page.charAt(0) === "/" && page.charAt(1) !== "/") {
        location.assign(page);
        return;
      }
    }
    forget();
  });
})();
