/* National review: comment on numbered paragraphs, keep the comments in this browser, export the matrix (CSV).

   Nothing is sent anywhere: comments live in localStorage, one list per publication, edition and version
   ("scoe-review/SCOE-3.1/A/1"); the originator is asked once ("scoe-review/originator"). The matrix is a file
   made in the page (a Blob and an <a download>), so it works from a web server and from file:// alike.
   Every word comes from the catalogue (scoelib/locales/<language>.yml, keys `review.*`), written by the build
   into #scoe-strings; `make comments` (scoelib/comments.py) reads the matrix back. */
(function () {
  "use strict";
  var block = document.getElementById("scoe-strings");
  var all = block ? JSON.parse(block.textContent) : {};
  var S = all.review;
  var paras = document.querySelectorAll(".scoe-para[data-scoe-pub]");
  if (!S || !paras.length || typeof HTMLDialogElement === "undefined") return;

  var lang = all.lang || document.documentElement.lang || "en";
  var first = paras[0];
  var pub = first.getAttribute("data-scoe-pub");
  var edition = first.getAttribute("data-scoe-edition");
  var version = first.getAttribute("data-scoe-version");
  var KEY = "scoe-review/" + pub + "/" + edition + "/" + version;
  var ORIGINATOR = "scoe-review/originator";
  var TYPES = ["G", "E", "S", "C"];
  var COLUMNS = ["serial", "originator", "publication", "edition", "version", "language", "paragraph", "type", "comment",
                 "proposed", "rationale"];

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m; });
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function paraKey(n) { var p = String(n).split("."); return [parseInt(p[0], 10) || 0, parseInt(p[1], 10) || 0]; }
  function byParagraph(a, b) {
    var x = paraKey(a.paragraph), y = paraKey(b.paragraph);
    return x[0] - y[0] || x[1] - y[1] || a.created - b.created;
  }
  /* "SCOE-3.1(A) para 2.37" in the page's language: this page's citation of a paragraph, with another number. */
  var citeModel = first.getAttribute("data-scoe-cite") || first.id;
  function cite(n) { return citeModel.slice(0, citeModel.length - first.id.length) + n; }

  /* --- storage ------------------------------------------------------------------------------------------ */
  var store = null, memory = {};
  try {
    store = window.localStorage;
    store.setItem("scoe-review/probe", "1");
    store.removeItem("scoe-review/probe");
  } catch (e) { store = null; }
  function get(key) { try { return store ? store.getItem(key) : (memory[key] || null); } catch (e) { return memory[key] || null; } }
  function put(key, value) {
    memory[key] = value;
    try { if (store) store.setItem(key, value); } catch (e) { store = null; }
  }
  function comments() {
    try { var list = JSON.parse(get(KEY) || "[]"); return Array.isArray(list) ? list : []; } catch (e) { return []; }
  }
  function keep(list) { put(KEY, JSON.stringify(list)); }

  var live = el("div", { "class": "scoe-review-live", role: "status", "aria-live": "polite" });
  document.body.appendChild(live);
  function say(text) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }

  /* --- the Comment action of each numbered paragraph ------------------------------------------------------ */
  function addAction(para) {
    var button = el("button", { type: "button", "class": "scoe-para__action scoe-comment", "data-scoe-para": para.id });
    /* In the paragraph's actions (the reading work's container) when the page has one, else after the
       copy-citation button. */
    var actions = para.querySelector(".scoe-para__actions");
    var cite = para.querySelector(".scoe-cite");
    if (actions) actions.appendChild(button);
    else {
      button.classList.add("scoe-comment--inline"); // its own size and border (scoe-review.css)
      if (cite) cite.parentNode.insertBefore(button, cite.nextSibling);
      else para.insertBefore(button, para.firstChild);
    }
  }
  Array.prototype.forEach.call(paras, addAction);

  function refreshActions() {
    var list = comments();
    document.querySelectorAll("button.scoe-comment").forEach(function (button) {
      var n = button.getAttribute("data-scoe-para");
      var count = list.filter(function (c) { return c.paragraph === n; }).length;
      var label = fill(S.comment_on, { n: n });
      if (count) label += " (" + (count === 1 ? S.saved_one : fill(S.saved_many, { count: count })) + ")";
      button.setAttribute("aria-label", label);
      button.setAttribute("title", label);
      button.classList.toggle("scoe-comment--has", count > 0);
      if (count) button.setAttribute("data-count", count); else button.removeAttribute("data-count");
    });
    opener.textContent = fill(S.mine, { count: list.length });
    opener.hidden = list.length === 0;
  }

  /* --- the form ------------------------------------------------------------------------------------------- */
  var form, dialog, title, fields = {}, error, editing = null, returnTo = null;
  function field(name, label, help, multiline, required) {
    var id = "scoe-review-" + name;
    var text = label + (required ? "" : " (" + S.optional + ")");
    var input = multiline
      ? el("textarea", { id: id, name: name, rows: name === "comment" ? 4 : 3, required: required || null, "aria-describedby": help ? id + "-help" : null })
      : el("input", { id: id, name: name, type: "text", autocomplete: "organization", required: required || null, "aria-describedby": help ? id + "-help" : null });
    fields[name] = input;
    return el("div", { "class": "scoe-review-field" }, [
      el("label", { "for": id, text: text }),
      help ? el("p", { id: id + "-help", "class": "scoe-review-help", text: help }) : null,
      input,
    ]);
  }
  function buildForm() {
    title = el("h2", { id: "scoe-review-title" });
    var types = el("fieldset", { "class": "scoe-review-types" }, [el("legend", { text: S.type_legend })]);
    TYPES.forEach(function (t) {
      var id = "scoe-review-type-" + t;
      types.appendChild(el("div", { "class": "scoe-review-type" }, [
        el("input", { type: "radio", name: "type", value: t, id: id, "aria-describedby": id + "-help" }),
        el("label", { "for": id }, [el("span", { "class": "scoe-review-code", text: t }), document.createTextNode(" " + S["type." + t])]),
        el("p", { id: id + "-help", "class": "scoe-review-help", text: S["type_help." + t] }),
      ]));
    });
    error = el("p", { "class": "scoe-review-error", role: "alert", hidden: true });
    form = el("form", { "class": "scoe-review-form", novalidate: true }, [
      title,
      el("p", { "class": "scoe-review-privacy", text: store ? S.privacy : S.storage_off }),
      field("originator", S.originator, S.originator_help, false, true),
      types,
      field("comment", S.text, "", true, true),
      field("proposed", S.proposed, "", true, false),
      field("rationale", S.rationale, "", true, false),
      error,
      el("div", { "class": "scoe-review-buttons" }, [
        el("button", { type: "submit", "class": "md-button md-button--primary", text: S.save }),
        el("button", { type: "button", "class": "md-button", "data-scoe-close": "", text: S.cancel }),
      ]),
    ]);
    dialog = el("dialog", { "class": "scoe-review-dialog md-typeset", "aria-labelledby": "scoe-review-title", lang: lang }, [form]);
    document.body.appendChild(dialog);
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // nothing is submitted anywhere (the site's policy is form-action 'none')
      submit();
    });
    dialog.addEventListener("close", function () {
      if (returnTo && document.contains(returnTo)) returnTo.focus();
      returnTo = null;
    });
  }
  function typeValue() {
    var checked = form.querySelector('input[name="type"]:checked');
    return checked ? checked.value : "";
  }
  function openForm(paragraph, comment, from) {
    if (!form) buildForm();
    editing = comment || null;
    returnTo = from || null;
    form.setAttribute("data-paragraph", paragraph);
    title.textContent = fill(comment ? S.edit_title : S.form_title, { cite: cite(paragraph) });
    fields.originator.value = (comment && comment.originator) || get(ORIGINATOR) || "";
    ["comment", "proposed", "rationale"].forEach(function (k) { fields[k].value = comment ? comment[k] || "" : ""; fields[k].removeAttribute("aria-invalid"); });
    fields.originator.removeAttribute("aria-invalid");
    form.querySelectorAll('input[name="type"]').forEach(function (r) { r.checked = !!comment && r.value === comment.type; });
    error.hidden = true;
    error.textContent = "";
    dialog.showModal();
    (fields.originator.value ? (form.querySelector('input[name="type"]:checked') || form.querySelector('input[name="type"]')) : fields.originator).focus();
  }
  function submit() {
    var missing = [], firstBad = null;
    function need(ok, node, label) {
      if (ok) { if (node.removeAttribute) node.removeAttribute("aria-invalid"); return; }
      missing.push(label);
      if (node.setAttribute) node.setAttribute("aria-invalid", "true");
      firstBad = firstBad || node;
    }
    var originator = fields.originator.value.replace(/\s+/g, " ").trim();
    need(!!originator, fields.originator, S.originator);
    need(!!typeValue(), form.querySelector('input[name="type"]'), S.type_legend);
    need(!!fields.comment.value.trim(), fields.comment, S.text);
    if (missing.length) {
      error.textContent = fill(S.required, { fields: missing.join(", ") });
      error.hidden = false;
      firstBad.focus();
      return;
    }
    var paragraph = form.getAttribute("data-paragraph");
    var list = comments();
    var record = {
      id: editing ? editing.id : Date.now().toString(36) + Math.random().toString(36).slice(2, 7),
      created: editing ? editing.created : Date.now(),
      paragraph: paragraph,
      originator: originator,
      type: typeValue(),
      comment: fields.comment.value.trim(),
      proposed: fields.proposed.value.trim(),
      rationale: fields.rationale.value.trim(),
      language: editing ? editing.language : lang,
    };
    var at = list.findIndex(function (c) { return editing && c.id === editing.id; });
    if (at >= 0) list[at] = record; else list.push(record);
    keep(list);
    put(ORIGINATOR, originator);
    dialog.close();
    refreshActions();
    if (panel && panel.open) renderPanel();
    say(fill(S.saved, { cite: cite(paragraph) }) + " " + fill(S.mine, { count: list.length }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.scoe-comment");
    if (button) openForm(button.getAttribute("data-scoe-para"), null, button);
    var close = event.target.closest && event.target.closest("[data-scoe-close]");
    if (close) close.closest("dialog").close();
  });

  /* --- "My comments (n)": the panel ------------------------------------------------------------------------ */
  var opener = el("button", { type: "button", "class": "scoe-review-open", "aria-haspopup": "dialog" });
  var main = document.querySelector(".md-content") || document.body;
  main.appendChild(opener);
  var panel = null, list = null;
  opener.addEventListener("click", function () { openPanel(); });

  function where(n) {
    if (document.getElementById(n)) return "#" + n;
    var path = location.pathname;
    var chapter = "chapter-" + paraKey(n)[0];
    return /chapter-\d+/.test(path) ? path.replace(/chapter-\d+/, chapter) + "#" + n : "#" + n;
  }
  function openPanel() {
    if (!panel) {
      list = el("ol", { "class": "scoe-review-list" });
      panel = el("dialog", { "class": "scoe-review-panel md-typeset", "aria-labelledby": "scoe-review-panel-title", lang: lang }, [
        el("h2", { id: "scoe-review-panel-title", text: fill(S.panel_title, { pub: pub }) }),
        el("p", { "class": "scoe-review-version", text: fill(S.panel_version, { edition: edition, version: version }) }),
        el("p", { "class": "scoe-review-privacy", text: store ? S.privacy : S.storage_off }),
        list,
        el("div", { "class": "scoe-review-buttons" }, [
          el("button", { type: "button", "class": "md-button md-button--primary", "data-scoe-export": "", text: S.export }),
          el("button", { type: "button", "class": "md-button", "data-scoe-close": "", text: S.close }),
        ]),
      ]);
      document.body.appendChild(panel);
      panel.addEventListener("close", function () { opener.hidden ? (document.querySelector("button.scoe-comment") || document.body).focus() : opener.focus(); });
      panel.addEventListener("click", function (event) {
        var edit = event.target.closest("[data-scoe-edit]");
        var drop = event.target.closest("[data-scoe-delete]");
        if (event.target.closest("[data-scoe-export]")) exportMatrix();
        if (edit) {
          var c = comments().find(function (x) { return x.id === edit.getAttribute("data-scoe-edit"); });
          if (c) openForm(c.paragraph, c, edit);
        }
        if (drop) remove(drop.getAttribute("data-scoe-delete"));
      });
    }
    renderPanel();
    if (!panel.open) panel.showModal();
    panel.querySelector("h2").setAttribute("tabindex", "-1");
    panel.querySelector("h2").focus();
  }
  function renderPanel() {
    var items = comments().sort(byParagraph);
    list.textContent = "";
    if (!items.length) list.appendChild(el("li", { "class": "scoe-review-none", text: S.none }));
    items.forEach(function (c) {
      var name = cite(c.paragraph);
      list.appendChild(el("li", { "class": "scoe-review-item", "data-scoe-id": c.id }, [
        el("p", { "class": "scoe-review-item__head" }, [
          el("a", { href: where(c.paragraph), text: name }),
          document.createTextNode(" · "),
          el("span", { "class": "scoe-review-code", text: c.type }),
          document.createTextNode(" " + S["type." + c.type] + " · " + c.originator),
        ]),
        el("p", { "class": "scoe-review-item__text", text: c.comment }),
        el("div", { "class": "scoe-review-item__actions" }, [
          el("button", { type: "button", "class": "md-button", "data-scoe-edit": c.id, "aria-label": S.edit + " – " + name, text: S.edit }),
          el("button", { type: "button", "class": "md-button", "data-scoe-delete": c.id, "aria-label": S["delete"] + " – " + name, text: S["delete"] }),
        ]),
      ]));
    });
  }
  function remove(id) {
    var items = comments();
    var c = items.find(function (x) { return x.id === id; });
    if (!c || !window.confirm(fill(S.delete_confirm, { cite: cite(c.paragraph) }))) return;
    keep(items.filter(function (x) { return x.id !== id; }));
    refreshActions();
    renderPanel();
    say(S.deleted + " " + fill(S.mine, { count: items.length - 1 }));
    var next = panel.querySelector("[data-scoe-edit]") || panel.querySelector("[data-scoe-export]");
    next.focus();
  }

  /* --- the matrix: CSV, UTF-8 with a byte-order mark, every field quoted, the language's separator --------- */
  function quote(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (/^(?:[=+@\t\r]|-(?=\S))/.test(text)) text = "'" + text; // never a formula in a spreadsheet
    return '"' + text.replace(/"/g, '""') + '"';
  }
  function matrix() {
    var sep = S.csv_separator || ",";
    var rows = [COLUMNS.map(function (c) { return S["col." + c]; })];
    comments().sort(byParagraph).forEach(function (c, i) {
      rows.push([i + 1, c.originator, pub, edition, version, c.language, c.paragraph, c.type, c.comment, c.proposed, c.rationale]);
    });
    return "\ufeff" + rows.map(function (r) { return r.map(quote).join(sep); }).join("\r\n") + "\r\n";
  }
  function exportMatrix() {
    var who = (get(ORIGINATOR) || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "").slice(0, 40);
    var name = pub + "-" + edition + version + "-" + S.file + (who ? "-" + who : "") + ".csv";
    var url = URL.createObjectURL(new Blob([matrix()], { type: "text/csv;charset=utf-8" }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    say(fill(S.exported, { file: name }));
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { refreshActions(); if (panel && panel.open) renderPanel(); }
  });
  refreshActions();
})();
