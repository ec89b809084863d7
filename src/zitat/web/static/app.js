// Hover or focus a highlighted role to see its speaker, role, form and medium; the matching
// statement in the list lights up. Text is set with textContent only: it comes from news articles.
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  if (!tip) return;
  document.querySelectorAll(".hl[title]").forEach(function (el) {
    el.setAttribute("data-tip", el.getAttribute("title"));
    el.removeAttribute("title");  // the custom tip replaces the browser's, which focus cannot show
  });

  function setActive(id, on) {
    document.querySelectorAll('[data-s="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.toggle("active", on);
    });
  }

  function show(el) {
    tip.textContent = el.getAttribute("data-tip");
    tip.hidden = false;
    // above the marked words, where the reader has been, not over the next line; below only when
    // there is no room above
    var box = (el.getClientRects()[0] || el.getBoundingClientRect());
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + "px";
    var above = box.top - tip.offsetHeight - 6;
    tip.style.top = window.scrollY + (above >= 0 ? above : box.bottom + 6) + "px";
    setActive(el.getAttribute("data-s"), true);
  }

  function hide(el) {
    tip.hidden = true;
    if (el) setActive(el.getAttribute("data-s"), false);
  }

  var text = document.getElementById("article-text");
  ["mouseover", "focusin"].forEach(function (type) {
    text.addEventListener(type, function (event) {
      var el = event.target.closest(".hl[data-tip]");
      if (el) show(el);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    text.addEventListener(type, function (event) {
      var el = event.target.closest(".hl[data-tip]");
      if (el) hide(el);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide(null);
  });
  // the statement list's links move keyboard focus to the statement in the text
  document.querySelectorAll(".statements a.jump").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) window.setTimeout(function () { target.focus(); }, 0);
    });
  });
  if (location.hash.indexOf("#t-") === 0) {
    var first = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (first) first.focus();
  }
})();
