/* Library behaviour: paragraph citations, the language switch, glossary tooltips, catalogue filters and the
   side-by-side reading of a chapter. No outside resource, and no word of its own: every text it shows comes
   from the page, written by the engine from the string catalogue (scoelib/ui.py). */
(function () {
  "use strict";
  var live = document.createElement("div");
  live.className = "scoe-live";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  /* Paragraph actions. The head of a paragraph (.scoe-para__head) holds its number, the permalink, and its
     actions (.scoe-para__actions). "Cite" opens a menu cloned from the chapter's template: the full citation
     in the reader's language (with the permanent address of this version: the page's canonical address), the
     short form, the same paragraph cited in the other language, and the permanent link. */
  var citeTemplate = document.querySelector("div.scoe-cite-template");
  var canonical = document.querySelector('link[rel="canonical"]');

  function address(href, number) {
    var url = new URL(href || location.pathname, canonical ? canonical.href : location.href);
    url.hash = number;
    return url.href;
  }

  function closeMenus(focusButton) {
    document.querySelectorAll(".scoe-para .scoe-cite-menu").forEach(function (menu) {
      var para = menu.closest(".scoe-para");
      var button = para && para.querySelector("button.scoe-cite");
      menu.parentNode.removeChild(menu);
      if (para) para.classList.remove("scoe-para--menu");
      if (button) {
        button.setAttribute("aria-expanded", "false");
        if (focusButton) button.focus();
      }
    });
  }

  function openMenu(button) {
    var para = button.closest(".scoe-para");
    var menu = citeTemplate.firstElementChild.cloneNode(true);
    menu.setAttribute("aria-label", button.getAttribute("aria-label"));
    menu.querySelectorAll("[data-text]").forEach(function (item) {
      var text = item.getAttribute("data-text").split("{n}").join(para.id)
        .split("{url}").join(address(item.getAttribute("data-href"), para.id));
      item.setAttribute("data-copy", text);
      item.querySelector(".scoe-cite-menu__text").textContent = text;
    });
    button.parentNode.appendChild(menu);
    button.setAttribute("aria-expanded", "true");
    para.classList.add("scoe-para--menu");
    menu.querySelector("button").focus();
  }

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest(".scoe-cite-menu__item");
    if (item) {
      var text = item.getAttribute("data-copy");
      copy(text).then(function () {
        live.textContent = citeTemplate.getAttribute("data-copied") + text;
      });
      closeMenus(true);
      return;
    }
    var button = event.target.closest && event.target.closest("button.scoe-cite");
    var open = button && button.getAttribute("aria-expanded") === "true";
    if (!event.target.closest || !event.target.closest(".scoe-cite-menu")) closeMenus(false);
    if (button && !open && citeTemplate) openMenu(button);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.querySelector(".scoe-para .scoe-cite-menu")) closeMenus(true);
  });

  /* Language selector: each link already names this page's counterpart (written by the build, relative, so
     it stays in a mike version). Material would replace it with a guess from sitemap.xml that compares
     ports too: on any host whose port differs from site_url's it sends the reader to the home page. The
     link keeps the fragment: paragraph numbers, glossary entries and explicit anchors are the same in both
     languages. */
  function keepFragment() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var href = link.getAttribute("href").split("#")[0];
      link.setAttribute("href", href + (location.hash || ""));
    });
  }
  keepFragment();
  window.addEventListener("hashchange", keepFragment);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link) return;
    keepFragment();
    if (!event.metaKey && !event.ctrlKey) event.stopPropagation();
  }, true);

  /* Glossary tooltips. WCAG 1.4.13: one shown on hover or focus can be dismissed with Escape. On a touch
     screen the first tap on a term shows its definition in place, the second follows the link. */
  var pointer = "mouse";
  document.addEventListener("pointerdown", function (event) { pointer = event.pointerType || "mouse"; }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".scoe-term").forEach(function (term) {
      term.classList.add("scoe-term--dismissed");
      term.classList.remove("scoe-term--open");
    });
  });
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var term = event.target.closest && event.target.closest(".scoe-term");
      if (term && !term.contains(event.relatedTarget)) {
        term.classList.remove("scoe-term--dismissed");
        place(term);
      }
    });
  });
  document.addEventListener("click", function (event) {
    var openTip = event.target.closest && event.target.closest(".scoe-term--open .scoe-tip");
    if (openTip) {  // a tap on the definition shown goes to the entry, as a second tap on the term does
      location.href = openTip.parentNode.querySelector("a.scoe-term__link").href;
      return;
    }
    var link = event.target.closest && event.target.closest("a.scoe-term__link");
    var term = link && link.closest(".scoe-term");
    document.querySelectorAll(".scoe-term--open").forEach(function (other) {
      if (other !== term) other.classList.remove("scoe-term--open");
    });
    if (!term || pointer !== "touch" || !term.querySelector(".scoe-tip") || term.classList.contains("scoe-term--open")) return;
    event.preventDefault();
    term.classList.remove("scoe-term--dismissed");
    term.classList.add("scoe-term--open");
    place(term);
  });

  /* A tooltip stays in the text column (never over the table of contents or off a phone's screen), and is
     shown above the term when there is no room below. */
  function place(term) {
    var tip = term.querySelector(".scoe-tip");
    if (!tip) return;
    tip.style.left = "";
    tip.style.maxWidth = "";
    term.classList.remove("scoe-term--above");
    var column = (term.closest(".md-content__inner") || document.documentElement).getBoundingClientRect();
    var margin = 8;
    var left = Math.max(column.left, 0) + margin, right = Math.min(column.right, document.documentElement.clientWidth) - margin;
    if (right - left > 0) tip.style.maxWidth = Math.min(right - left, 24 * 16) + "px";
    var box = tip.getBoundingClientRect();
    if (!box.width) return;
    var shift = Math.min(Math.max(box.right - right, 0), Math.max(box.left - left, 0));
    if (shift > 0) tip.style.left = -shift + "px";
    if (box.bottom > window.innerHeight - margin && box.height + 2 * margin < term.getBoundingClientRect().top) {
      term.classList.add("scoe-term--above");
    }
  }

  /* Catalogue: filters by core area and status over the one table (shown only when this script runs). */
  document.querySelectorAll("form.scoe-filters").forEach(function (form) {
    var table = form.parentNode.querySelector("table.scoe-catalogue");
    if (!table) return;
    var rows = table.querySelectorAll("tbody tr");
    var count = form.querySelector(".scoe-filters__count");
    function apply() {
      var area = form.querySelector("[data-filter=area]").value;
      var status = form.querySelector("[data-filter=status]").value;
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!area || row.getAttribute("data-area") === area) && (!status || row.getAttribute("data-status") === status);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = count.getAttribute("data-template").split("{n}").join(shown).split("{total}").join(rows.length);
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  });

  /* Side by side: the chapter in this language and in the other, in two columns aligned paragraph by
     paragraph (by number); the headings before a paragraph have a row of their own, paired likewise. The other language's page
     is fetched from this site (same folder layout, same version). Stale French paragraphs keep their mark. */
  var toggle = document.querySelector("button.scoe-sbs-toggle");
  var article = document.querySelector("article.md-content__inner");
  var state = null;

  function segments(root) {
    var out = [], pending = [], started = false;
    Array.prototype.slice.call(root.children).forEach(function (node) {
      if (node.matches("h1, .scoe-pubhead, .scoe-crumbs, .scoe-banner, script, .scoe-cite-template, .md-source-file, .md-content__button, .md-feedback")) return;
      if (!started && !node.matches("h2, h3, .scoe-para")) return;
      started = true;
      if (node.matches(".scoe-para")) {
        if (pending.length) out.push({ key: "before " + node.id, nodes: pending });
        out.push({ key: node.id, nodes: [node] });
        pending = [];
      } else {
        pending.push(node);
      }
    });
    if (pending.length) out.push({ key: "", nodes: pending });  // after the last paragraph
    return out;
  }

  function adopt(node, base) {
    var copy = document.importNode(node, true);
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*"))).forEach(function (el) {
      if (el.id) el.id = "sbs-" + el.id;
      if (el.hasAttribute("aria-describedby")) el.setAttribute("aria-describedby", "sbs-" + el.getAttribute("aria-describedby"));
      if (el.matches("a[href]")) el.setAttribute("href", new URL(el.getAttribute("href"), base).href);
    });
    copy.querySelectorAll(".scoe-para__actions").forEach(function (el) { el.parentNode.removeChild(el); });
    return copy;
  }

  function merge(mine, theirs) {
    var rows = [], index = {};
    theirs.forEach(function (seg, i) { index[seg.key] = i; });
    var next = 0;
    mine.forEach(function (seg) {
      var j = index[seg.key];
      if (j !== undefined && j >= next) {
        for (; next < j; next++) rows.push([null, theirs[next]]);
        rows.push([seg, theirs[j]]);
        next = j + 1;
      } else {
        rows.push([seg, null]);
      }
    });
    for (; next < theirs.length; next++) rows.push([null, theirs[next]]);
    return rows;
  }

  function languageName(code) {
    var link = document.querySelector('a.md-select__link[hreflang="' + code + '"]');
    return link ? link.textContent.trim() : code;
  }

  function sideBySideOn(html) {
    var other = toggle.getAttribute("data-other-lang");
    var mine = document.documentElement.getAttribute("lang");
    var base = new URL(toggle.getAttribute("data-other"), location.href);
    var doc = new DOMParser().parseFromString(html, "text/html");
    var theirs = doc.querySelector("article.md-content__inner");
    if (!theirs) throw new Error("no article");
    var own = segments(article);
    var moved = [];
    own.forEach(function (seg) { moved = moved.concat(seg.nodes); });
    if (!moved.length) return;
    var grid = document.createElement("div");
    grid.className = "scoe-sbs";
    var head = document.createElement("div");
    head.className = "scoe-sbs__row scoe-sbs__row--head";
    [[mine, languageName(mine)], [other, languageName(other)]].forEach(function (pair) {
      var cell = document.createElement("div");
      cell.className = "scoe-sbs__cell";
      cell.setAttribute("lang", pair[0]);
      cell.textContent = pair[1];
      head.appendChild(cell);
    });
    grid.appendChild(head);
    article.insertBefore(grid, moved[0]);
    merge(own, segments(theirs)).forEach(function (pair) {
      var row = document.createElement("div");
      row.className = "scoe-sbs__row";
      var key = (pair[0] || pair[1]).key;
      if (/^\d+\.\d+$/.test(key)) row.setAttribute("data-para", key);
      [[pair[0], mine], [pair[1], other]].forEach(function (side, i) {
        var cell = document.createElement("div");
        cell.className = "scoe-sbs__cell";
        cell.setAttribute("lang", side[1]);
        if (side[0]) side[0].nodes.forEach(function (node) { cell.appendChild(i === 0 ? node : adopt(node, base)); });
        row.appendChild(cell);
      });
      grid.appendChild(row);
    });
    state = { grid: grid, moved: moved };
    document.body.classList.add("scoe-sbs-on");
    toggle.setAttribute("aria-pressed", "true");
  }

  function sideBySideOff() {
    if (!state) return;
    state.moved.forEach(function (node) { article.insertBefore(node, state.grid); });
    state.grid.parentNode.removeChild(state.grid);
    state = null;
    document.body.classList.remove("scoe-sbs-on");
    toggle.setAttribute("aria-pressed", "false");
  }

  function sideBySide(on) {
    try { sessionStorage.setItem("scoe-sbs", on ? "1" : ""); } catch (e) { /* storage refused: no memory */ }
    if (!on) return sideBySideOff();
    toggle.disabled = true;
    fetch(toggle.getAttribute("data-other"))
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(sideBySideOn)
      .catch(function () { live.textContent = toggle.getAttribute("data-failed"); })
      .then(function () { toggle.disabled = false; });
  }

  // A wide table scrolls sideways in its wrapper: the wrapper takes the keyboard focus, so that the
  // table can be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
  function scrollable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.setAttribute("tabindex", "0");
      else wrap.removeAttribute("tabindex");
    });
  }
  scrollable();
  window.addEventListener("resize", scrollable);
  window.addEventListener("load", scrollable);
  // Material wraps the tables in their scrolling wrapper when its own scripts run, which may be after this one
  new MutationObserver(function (records) {
    if (records.some(function (r) { return Array.prototype.some.call(r.addedNodes, function (n) {
      return n.nodeType === 1 && (n.matches(".md-typeset__scrollwrap") || n.querySelector(".md-typeset__scrollwrap")); }); })) scrollable();
  }).observe(document.body, { childList: true, subtree: true });

  if (toggle && article) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () { sideBySide(!state); });
    var remembered = "";
    try { remembered = sessionStorage.getItem("scoe-sbs"); } catch (e) { /* storage refused */ }
    if (remembered === "1") sideBySide(true);
  }
})();
