// Shows how far a spreadsheet upload has got, then that the file is being read.
// Without JavaScript (or htmx) the form posts normally and none of this runs.
document.addEventListener("htmx:xhr:progress", function (event) {
  var form = event.target.closest ? event.target.closest("#upload-form") : null;
  if (!form || !event.detail.lengthComputable) return;
  var box = form.querySelector(".upload-progress");
  var bar = form.querySelector("#upload-progress");
  var status = form.querySelector("#upload-status");
  box.hidden = false;
  var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
  bar.value = percent;
  status.textContent = percent < 100
    ? "Uploaded " + percent + "%"
    : "Uploaded. Reading the spreadsheet and comparing it with the tracker…";
});
document.addEventListener("htmx:beforeRequest", function (event) {
  if (event.target.id !== "upload-form") return;
  var button = event.target.querySelector("button[type=submit]");
  if (button) button.setAttribute("aria-disabled", "true");
});
// A refused upload (no file, too large, unreadable) answers 400 or 413 with the form and its
// messages: show it, as a plain post would, rather than htmx's default of showing nothing.
document.addEventListener("htmx:beforeSwap", function (event) {
  var form = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
  if (!form || form.id !== "upload-form") return;
  var status = event.detail.xhr.status;
  if (status === 400 || status === 413 || status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
// After the form comes back with its messages, the error summary takes the focus, as on a
// full page load, so a screen reader says what is wrong.
document.addEventListener("htmx:afterSettle", function (event) {
  var form = event.detail.requestConfig ? event.detail.requestConfig.elt : null;
  if (!form || form.id !== "upload-form") return;
  var summary = document.querySelector("main .error-summary");
  if (summary) summary.focus();
});
