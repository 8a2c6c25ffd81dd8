// Counts down the characters left in each textarea with a data-maxlength, and says when
// the text is over (GOV.UK character count). The server checks the limit too: without
// JavaScript a longer text is refused with a message and kept, never cut short.
(function () {
  function update(area) {
    var status = document.querySelector('[data-count-for="' + area.id + '"]');
    if (!status) return;
    var limit = parseInt(area.getAttribute("data-maxlength"), 10);
    var left = limit - area.value.length;
    var over = left < 0;
    var shown = Math.abs(left).toLocaleString("en-GB");
    status.textContent = over
      ? "You have " + shown + " character" + (left === -1 ? "" : "s") + " too many"
      : "You have " + shown + " character" + (left === 1 ? "" : "s") + " remaining";
    status.classList.toggle("character-count-over", over);
    area.classList.toggle("character-count-over", over);
  }
  function all(root) {
    (root || document).querySelectorAll("textarea[data-maxlength]").forEach(function (area) {
      // The count says the limit: the plain hint stays only for screen readers.
      var hint = document.querySelector('[data-count-hint-for="' + area.id + '"]');
      if (hint) hint.classList.add("visually-hidden");
      update(area);
    });
  }
  // Announced after a pause in typing, not at every key.
  var timers = {};
  document.addEventListener("input", function (event) {
    var area = event.target;
    if (!(area.matches && area.matches("textarea[data-maxlength]"))) return;
    clearTimeout(timers[area.id]);
    timers[area.id] = setTimeout(function () { update(area); }, 400);
  });
  document.addEventListener("DOMContentLoaded", function () { all(); });
  document.addEventListener("htmx:afterSettle", function (event) { all(event.target); });
})();
