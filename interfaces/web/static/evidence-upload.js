// Chengxin 诚信: evidence files for a repair application. Each chosen file is sent on its own
// (with the page's CSRF token) while a progress bar shows how far it has come; the digest the
// server answers goes into the form as a hidden field, so the application cites the file.
// No inline script: the page's Content-Security-Policy forbids it.
(function () {
  "use strict";

  function show(box, text, failed) {
    var status = box.querySelector("[data-upload-status]");
    status.textContent = text;
    status.classList.toggle("error", Boolean(failed));
  }

  function cite(box, answer) {
    var list = box.querySelector("[data-upload-list]");
    var item = document.createElement("li");
    var label = document.createElement("span");
    label.textContent = answer.name + " · " + Math.round(answer.size / 1024) + " KiB ";
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "evidence_files";
    field.value = answer.sha256;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-small btn-quiet";
    remove.textContent = list.getAttribute("data-remove-label") || "×";
    remove.addEventListener("click", function () { item.remove(); });
    item.append(label, field, remove);
    list.appendChild(item);
  }

  function send(box, files, index) {
    if (index >= files.length) return;
    var file = files[index];
    var form = box.closest("form");
    var token = form.querySelector("input[name=csrf_token]");
    var bar = box.querySelector("[data-upload-progress]");
    var body = new FormData();
    body.append("file", file, file.name);
    var request = new XMLHttpRequest();
    request.open("POST", box.getAttribute("data-upload-url"));
    request.setRequestHeader("X-CSRF-Token", token ? token.value : "");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
    });
    request.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = {}; }
      if (request.status === 201) {
        cite(box, answer);
        show(box, file.name + " ✓", false);
      } else {
        show(box, file.name + "：" + (answer.message || request.status), true);
      }
      bar.hidden = index + 1 >= files.length;
      send(box, files, index + 1);
    });
    request.addEventListener("error", function () {
      show(box, file.name + "：" + request.status, true);
      bar.hidden = true;
    });
    bar.value = 0;
    bar.hidden = false;
    request.send(body);
  }

  document.addEventListener("change", function (event) {
    var input = event.target.closest("[data-upload-input]");
    if (!input) return;
    var box = input.closest("[data-upload]");
    send(box, Array.prototype.slice.call(input.files), 0);
    input.value = "";
  });
})();
