/* The library's search worker: Material's own worker (its URL follows "#"), with one change. The indexes are
   stemmed (the scoe plugin keeps each language's stemmer), but Material ends every query word with a wildcard,
   and lunr does not stem a wildcard term: "spatiaux*" would never meet the indexed stem "spatial". So each
   query word is stemmed here first, with the index's own stemmer, then handed to Material unchanged
   otherwise. scoe-early.js starts this worker in place of Material's. */
(function () {
  "use strict";
  var material = new URL(decodeURIComponent(self.location.hash.slice(1)), self.location.href);
  if (material.origin !== self.location.origin) throw new Error("search worker: not this site's");
  var lang = "en";

  /* Material loads lunr's language files relative to its own worker ("../lunr/…"), not to this file. */
  var load = self.importScripts;
  self.importScripts = function () {
    return load.apply(self, Array.prototype.map.call(arguments, function (url) { return new URL(url, material).href; }));
  };

  function stem(query) {
    var lunr = self.lunr;
    var stemmer = lunr && (lang === "en" ? lunr.stemmer : lunr[lang] && lunr[lang].stemmer);
    if (!stemmer) return query;
    return query.replace(/[\p{L}\p{N}]+/gu, function (word, at) {
      if (/^\p{N}+$/u.test(word) || /[~^]$/.test(query.slice(0, at))) return word;  // numbers, fuzziness, boosts
      var stemmed = String(stemmer(new lunr.Token(word.toLowerCase(), {})));
      return stemmed || word;
    });
  }

  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen.call(self, type, listener, options);
    return listen.call(self, type, function (event) {
      var message = event.data;
      if (message && message.type === 0 && message.data && message.data.config) {
        lang = (message.data.config.lang || ["en"])[0];
      } else if (message && message.type === 2 && typeof message.data === "string") {
        event = new MessageEvent("message", { data: { type: 2, data: stem(message.data) } });
      } else {
        /* Material 9.8.2's messages are type 0 (setup, data.config) and type 2 (a query, data a string):
           scoelib/mkdocs_plugin/compat/material_search.py. Anything else means Material changed. */
        console.error("scoe-search-worker.js: a message Material 9.8.2 does not send (type " + (message && message.type) + "): queries are not stemmed");
      }
      return listener.call(self, event);
    }, options);
  };

  importScripts(material.href);
})();
