// Chengxin 诚信: the little the pages need from the browser. Everything works without it.
(function () {
  "use strict";
  // The error summary takes focus (as `autofocus` asks) so a screen reader reads it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) summary.focus();
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-evidence]");
    if (!button) return;
    var list = button.parentElement.querySelector("[data-evidence-list]");
    var last = list && list.lastElementChild;
    if (!last) return;
    var next = last.cloneNode(false);
    next.value = "";
    next.removeAttribute("id");
    var count = list.children.length + 1;
    next.setAttribute("aria-label", last.getAttribute("aria-label").replace(/\d+$/, count));
    list.appendChild(next);
    next.focus();
  });
  document.addEventListener("click", function (event) {
    var back = event.target.closest("[data-back]");
    if (!back || window.history.length < 2) return;
    event.preventDefault();
    window.history.back();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
