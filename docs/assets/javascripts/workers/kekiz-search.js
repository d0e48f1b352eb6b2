/*
 * Site search that forgives spelling: a thin wrapper around Material for MkDocs' own search worker
 * (overrides/main.html points the theme's worker setting here and names Material's worker file in
 * the query string, e.g. kekiz-search.js?material=search.a7633da7.min.js).
 *
 * Material's worker builds a Lunr index of the site and answers each typed query. This wrapper
 * changes two things and nothing else:
 *
 * 1. Umlauts and their ASCII spellings are one word: the index and every query fold ä/ae → a,
 *    ö/oe → o, ü/ue → u, ß → ss (and drop other accents), so "Guetersloh", "Gutersloh" and
 *    "Gütersloh" all find Gütersloh. Done by folding every token after Lunr's pipeline, for the
 *    index and the query alike, so highlighting still marks the words as written on the page.
 * 2. One typo is forgiven: each word of four letters or more is also searched with an edit
 *    distance of 1 (Lunr's fuzzy term "word~1"), so "Bilefeld" finds Bielefeld. Exact and prefix
 *    matches still score higher, as a page matching both clauses adds both scores.
 *
 * The results name the words as the person typed them (Material lists missing words under each
 * result): the folded and fuzzy forms never show.
 */
(function () {
  "use strict"

  /* Where this script runs: a worker, or an iframe when the site is opened from disk (file:),
     where Material uses its iframe-worker shim; there the script element names the address. */
  var inFrame = typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent
  var here = new URL(inFrame ? document.querySelector("script[src]").src : self.location.href)
  var material = here.searchParams.get("material") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
    throw new Error("kekiz-search: no valid Material worker named (?material=search.<hash>.min.js)")

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ae/g, "a")
      .replace(/oe/g, "o")
      .replace(/ue/g, "u")
  }

  /* The words of a query as the person typed them, each with its folded form. Words that carry
     Lunr syntax (+word, -word, word~2, word^3, field:word, word*, "…") are left as they are; a
     hyphen inside a word separates words, as in the index ("Minden-Lübbecke"). */
  var SYNTAX = /^[+-]|[~^:*"]/
  var QUERY = 2, RESULT = 3  // Material's SearchMessageType: SETUP, READY, QUERY, RESULT
  var pending = []  // one entry per query sent to Material's worker, answered in order

  function rewrite(query) {
    var words = query.trim().split(/\s+/).filter(Boolean)
    var terms = []
    var names = {}  // folded form -> the word as typed (lower case, as Lunr names a term)
    var fuzzy = {}
    for (var i = 0; i < words.length; i++) {
      if (SYNTAX.test(words[i])) {
        terms.push(words[i])
        continue
      }
      var parts = words[i].split(/-+/).filter(Boolean)
      for (var j = 0; j < parts.length; j++) {
        var folded = fold(parts[j])
        terms.push(folded)
        names[folded] = parts[j].toLowerCase()
        if (folded.length >= 4) {
          terms.push(folded + "~1")
          fuzzy[folded] = true
        }
      }
    }
    return { query: terms.join(" "), names: names, fuzzy: fuzzy }
  }

  /* Material lists, under each result, the words it did not find in it. A word found only with
     its typo forgiven counts as not found there; so for such words nothing is listed. */
  function renameTerms(terms, asked) {
    var out = {}
    for (var key in terms) {
      if (!Object.prototype.hasOwnProperty.call(terms, key))
        continue
      if (!terms[key] && asked.fuzzy[key])
        continue
      out[asked.names[key] || key] = terms[key]
    }
    return out
  }

  function answer(message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      var asked = pending.shift()
      if (asked)
        for (var g = 0; g < message.data.items.length; g++)
          for (var k = 0; k < message.data.items[g].length; k++)
            message.data.items[g][k].terms = renameTerms(message.data.items[g][k].terms || {}, asked)
    }
    return message
  }

  /* Material's worker registers its message handler when loaded and answers with postMessage:
     the handler sees the rewritten query, and the answer passes through answer() first. */
  var addListener = self.addEventListener.bind(self)
  self.addEventListener = function (type, listener, options) {
    if (type !== "message")
      return addListener(type, listener, options)
    return addListener(type, function (ev) {
      var data = ev.data
      if (data && data.type === QUERY && typeof data.data === "string") {
        var asked = rewrite(data.data)
        pending.push(asked)
        data = { type: QUERY, data: asked.query }
      }
      return listener.call(self, { data: data })
    }, options)
  }
  var post = self.postMessage.bind(self)
  self.postMessage = function (message, options) {
    return post(answer(message), options)
  }

  importScripts(new URL(material, here).href)

  /* Fold every token after Lunr's own pipeline (stop words are removed before): for the index
     as it is built and for the words of a query that Lunr runs through the pipeline. */
  var lunr = self.lunr
  if (!lunr)  // Material's worker did not load (nothing to wrap; the theme hides its search then)
    return
  var run = lunr.Pipeline.prototype.run
  lunr.Pipeline.prototype.run = function (tokens) {
    var out = run.call(this, tokens)
    for (var i = 0; i < out.length; i++)
      out[i].update(fold)
    return out
  }
})()
