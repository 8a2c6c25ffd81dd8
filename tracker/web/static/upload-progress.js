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
