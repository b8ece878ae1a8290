// Resident search on zoeken/index.html, with no server: ranks the static index the build
// wrote in zoeken/index/ exactly as `portal search` does (docs/SEARCH.md is the contract;
// sitegen/search/ranking.py:rank is the same ranking in Python).
//
// The first part (the engine) touches no page and is exposed as window.BuurtportaalSearch
// for the tests; the second part wires it to the search page. Everything editors entered
// is put on the page as text, never as HTML.
(function (global) {
  "use strict";

  // ---------------------------------------------------------------- analysis

  var LETTER_OR_DIGIT = /[\p{L}\p{N}]+/gu;
  var MARK = /\p{M}/gu;

  function fold(text, extraFolds) {
    var folded = String(text || "").normalize("NFKD").replace(MARK, "").toLowerCase();
    if (!extraFolds) return folded;
    var out = "";
    for (var ch of folded) out += Object.prototype.hasOwnProperty.call(extraFolds, ch) ? extraFolds[ch] : ch;
    return out;
  }

  function codePoints(s) { return Array.from(s); }

  function analyser(analysis) {
    var stops = new Set(analysis.stop_words);
    return function words(text) {
      return (fold(text, analysis.extra_folds).match(LETTER_OR_DIGIT) || []).filter(function (w) {
        return codePoints(w).length >= analysis.min_word_length && !stops.has(w);
      });
    };
  }

  // Snowball Dutch as whoosh.lang.snowball.dutch.DutchStemmer has it, Python's indexing
  // and slicing included, then the extra rule of sitegen.search.analysis.stem.
  var VOWELS = "aeiouy\u00e8";
  function isVowel(ch) { return ch !== undefined && ch !== "" && VOWELS.indexOf(ch) >= 0; }
  function at(s, i) { return s[i < 0 ? s.length + i : i]; }  // undefined when out of range
  function slice(s, a, b) {
    var n = s.length;
    function clip(i) { return i === undefined ? undefined : Math.max(0, i < 0 ? n + i : Math.min(i, n)); }
    return s.slice(clip(a), b === undefined ? n : clip(b));
  }
  function endsDouble(w) { return /(kk|dd|tt)$/.test(w); }

  function snowballDutch(word) {
    word = word.toLowerCase()
      .replace(/[\u00e4\u00e1]/g, "a").replace(/[\u00eb\u00e9]/g, "e")
      .replace(/[\u00ed\u00ef]/g, "i").replace(/[\u00f6\u00f3]/g, "o")
      .replace(/[\u00fc\u00fa]/g, "u");
    var step2 = false, i;
    if (word.charAt(0) === "y") word = "Y" + word.slice(1);
    for (i = 1; i < word.length; i++) {
      if (isVowel(word[i - 1]) && word[i] === "y") word = word.slice(0, i) + "Y" + word.slice(i + 1);
    }
    for (i = 1; i < word.length - 1; i++) {
      if (isVowel(word[i - 1]) && word[i] === "i" && isVowel(word[i + 1])) {
        word = word.slice(0, i) + "I" + word.slice(i + 1);
      }
    }
    var r1 = "", r2 = "";
    for (i = 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) { r1 = word.slice(i + 1); break; }
    }
    for (i = 1; i < r1.length; i++) {
      if (!isVowel(r1[i]) && isVowel(r1[i - 1])) { r2 = r1.slice(i + 1); break; }
    }
    for (i = 1; i < word.length; i++) {
      if (!isVowel(word[i]) && isVowel(word[i - 1])) {
        if (i + 1 < 3) r1 = word.slice(3);
        break;
      }
    }
    // Step 1
    var step1 = ["heden", "ene", "en", "se", "s"];
    for (i = 0; i < step1.length; i++) {
      var suffix = step1[i], n = suffix.length;
      if (!r1.endsWith(suffix)) continue;
      if (suffix === "heden") {
        word = word.slice(0, -5) + "heid";
        r1 = r1.slice(0, -5) + "heid";
        if (r2.endsWith("heden")) r2 = r2.slice(0, -5) + "heid";
      } else if ((suffix === "ene" || suffix === "en") && !word.endsWith("heden") &&
                 !isVowel(at(word, -n - 1)) && slice(word, -n - 3, -n) !== "gem") {
        word = slice(word, 0, -n); r1 = slice(r1, 0, -n); r2 = slice(r2, 0, -n);
        if (endsDouble(word)) { word = slice(word, 0, -1); r1 = slice(r1, 0, -1); r2 = slice(r2, 0, -1); }
      } else if ((suffix === "se" || suffix === "s") && !isVowel(at(word, -n - 1)) &&
                 at(word, -n - 1) !== "j") {
        word = slice(word, 0, -n); r1 = slice(r1, 0, -n); r2 = slice(r2, 0, -n);
      }
      break;
    }
    // Step 2
    if (r1.endsWith("e") && !isVowel(at(word, -2))) {
      step2 = true;
      word = slice(word, 0, -1); r1 = slice(r1, 0, -1); r2 = slice(r2, 0, -1);
      if (endsDouble(word)) { word = slice(word, 0, -1); r1 = slice(r1, 0, -1); r2 = slice(r2, 0, -1); }
    }
    // Step 3a
    if (r2.endsWith("heid") && at(word, -5) !== "c") {
      word = slice(word, 0, -4); r1 = slice(r1, 0, -4); r2 = slice(r2, 0, -4);
      if (r1.endsWith("en") && !isVowel(at(word, -3)) && slice(word, -5, -2) !== "gem") {
        word = slice(word, 0, -2); r1 = slice(r1, 0, -2); r2 = slice(r2, 0, -2);
        if (endsDouble(word)) { word = slice(word, 0, -1); r1 = slice(r1, 0, -1); r2 = slice(r2, 0, -1); }
      }
    }
    // Step 3b
    var step3b = ["baar", "lijk", "bar", "end", "ing", "ig"];
    for (i = 0; i < step3b.length; i++) {
      var sfx = step3b[i];
      if (!r2.endsWith(sfx)) continue;
      if (sfx === "end" || sfx === "ing") {
        word = slice(word, 0, -3); r2 = slice(r2, 0, -3);
        if (r2.endsWith("ig") && at(word, -3) !== "e") word = slice(word, 0, -2);
        else if (endsDouble(word)) word = slice(word, 0, -1);
      } else if (sfx === "ig" && at(word, -3) !== "e") {
        word = slice(word, 0, -2);
      } else if (sfx === "lijk") {
        word = slice(word, 0, -4); r1 = slice(r1, 0, -4);
        if (r1.endsWith("e") && !isVowel(at(word, -2))) {
          word = slice(word, 0, -1);
          if (endsDouble(word)) word = slice(word, 0, -1);
        }
      } else if (sfx === "baar") {
        word = slice(word, 0, -4);
      } else if (sfx === "bar" && step2) {
        word = slice(word, 0, -3);
      }
      break;
    }
    // Step 4: undouble vowel
    if (word.length >= 4 && !isVowel(at(word, -1)) && at(word, -1) !== "I" &&
        ["aa", "ee", "oo", "uu"].indexOf(slice(word, -3, -1)) >= 0 && !isVowel(at(word, -4))) {
      word = slice(word, 0, -3) + at(word, -3) + at(word, -1);
    }
    return word.replace(/I/g, "i").replace(/Y/g, "y");
  }

  // The stemmer works on code points: letters outside the Basic Multilingual Plane stand
  // in as private-use characters while it runs (it only ever compares with a–z and è).
  function stem(word) {
    var outside = [];
    var plain = codePoints(word).map(function (ch) {
      if (ch.length === 1) return ch;
      outside.push(ch);
      return String.fromCharCode(0xe000 + outside.length - 1);
    }).join("");
    var term = snowballDutch(plain);
    if (outside.length) {
      term = term.replace(/[\ue000-\uf8ff]/g, function (ch) {
        var k = ch.charCodeAt(0) - 0xe000;
        return k < outside.length ? outside[k] : ch;
      });
    }
    var cps = codePoints(term);
    if (cps.length >= 3 && cps[cps.length - 1] === "s" && "aeiouyj".indexOf(cps[cps.length - 2]) < 0) {
      term = cps.slice(0, -1).join("");
    }
    return term;
  }

  function damerauWithinOne(a, b) {
    if (a === b) return true;
    a = codePoints(a); b = codePoints(b);
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < Math.min(la, lb) && a[i] === b[i]) i++;
    var same = function (x, xi, y, yi) {
      if (x.length - xi !== y.length - yi) return false;
      for (; xi < x.length; xi++, yi++) if (x[xi] !== y[yi]) return false;
      return true;
    };
    if (la === lb) {
      if (same(a, i + 1, b, i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && same(a, i + 2, b, i + 2);
    }
    return la > lb ? same(a, i + 1, b, i) : same(a, i, b, i + 1);
  }

  // Code-point order, as Python sorts strings.
  function compareStrings(a, b) {
    var x = codePoints(a), y = codePoints(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) - y[i].codePointAt(0);
    }
    return x.length - y.length;
  }
  function compareTerms(a, b) {  // tuples of strings
    for (var i = 0; i < Math.min(a.length, b.length); i++) {
      var c = compareStrings(a[i], b[i]);
      if (c) return c;
    }
    return a.length - b.length;
  }

  function safeKey(text) {
    return codePoints(text).map(function (c) { return /^[a-z0-9]$/.test(c) ? c : "_"; }).join("");
  }
  function lexiconKey(word) { return safeKey(codePoints(word)[0] || ""); }

  // ---------------------------------------------------------------- query plan

  // The alternatives of one folded word: sitegen.search.query.word_alternatives.
  function wordAlternatives(word, entries, synonyms, q) {
    var weights = new Map();  // "\u0000"-joined terms -> [terms, weight]
    function add(terms, weight) {
      var key = terms.join("\u0000"), had = weights.get(key);
      weights.set(key, [terms, had ? Math.max(had[1], weight) : weight]);
    }
    var length = codePoints(word).length, first = word.codePointAt(0);
    if (entries.has(word)) {
      add([entries.get(word)], q.exact_weight);
    } else {
      add([stem(word)], q.exact_weight);
      entries.forEach(function (term, other) {
        if (length >= q.fuzzy_min_length && other.codePointAt(0) === first && damerauWithinOne(word, other)) {
          add([term], q.fuzzy_weight);
        }
      });
      if (length >= q.prefix_min_length) {
        var completions = new Set();
        entries.forEach(function (term, other) { if (other.startsWith(word)) completions.add(term); });
        Array.from(completions).sort(function (a, b) {
          return codePoints(a).length - codePoints(b).length || compareStrings(a, b);
        }).slice(0, q.prefix_limit).forEach(function (term) { add([term], q.prefix_weight); });
      }
    }
    Array.from(weights.values()).forEach(function (pair) {
      if (pair[0].length !== 1) return;
      synonyms.forEach(function (group) {
        var inGroup = group.some(function (entry) { return entry.length === 1 && entry[0] === pair[0][0]; });
        if (inGroup) group.forEach(function (entry) { add(entry, pair[1] * q.synonym_weight); });
      });
    });
    return Array.from(weights.values()).sort(function (a, b) { return compareTerms(a[0], b[0]); })
      .map(function (pair) { return { terms: pair[0], weight: pair[1] }; });
  }

  // ---------------------------------------------------------------- the index

  // One village's index, read from `base` (the URL of zoeken/index/). Every file is
  // fetched at most once; `fetched` lists what was fetched, for the benchmark.
  function open(base, fetchImpl) {
    base = String(base).replace(/\/?$/, "/");
    fetchImpl = fetchImpl || global.fetch.bind(global);
    var files = new Map();
    var engine = { fetched: [] };

    function json(path) {
      if (!files.has(path)) {
        engine.fetched.push(path);
        files.set(path, fetchImpl(base + path).then(function (response) {
          if (!response.ok) throw new Error(path + ": " + response.status);
          return response.json();
        }).catch(function (error) {
          files.delete(path);  // a dropped connection is tried again at the next keystroke
          throw error;
        }));
      }
      return files.get(path);
    }
    function meta() { return json("meta.json"); }

    function lexicon(m, key) {
      if (m.lexicon.indexOf(key) < 0) return Promise.resolve(new Map());
      return json("lexicon/" + key + ".json").then(function (raw) {
        var entries = new Map();
        Object.keys(raw).forEach(function (w) { entries.set(w, raw[w] === 0 ? w : raw[w]); });
        return entries;
      });
    }

    function postingsShard(m, term) {
      var key = safeKey(term);
      var listed = new Set(m.postings), cps = codePoints(key);
      for (var n = cps.length; n > 0; n--) {
        var prefix = cps.slice(0, n).join("");
        if (listed.has(prefix)) return prefix;
      }
      return null;
    }
    function postings(m, term) {
      var prefix = postingsShard(m, term);
      if (prefix === null) return Promise.resolve(new Map());
      return json("postings/" + prefix + ".json").then(function (shard) {
        var flat = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
        var decoded = new Map(), number = 0;
        for (var i = 0; i < flat.length; i += 2) { number += flat[i]; decoded.set(number, flat[i + 1]); }
        return decoded;
      });
    }

    // Start fetching the postings a word will most likely need, its stem's and its
    // synonyms', while its lexicon is still on its way: one round trip less before the
    // results. Only fetches; the plan decides what is used.
    // (The alternatives of a word that is not in the lexicon: its stem and its synonyms.)
    function prefetchPostings(m, typed) {
      typed.forEach(function (w) {
        wordAlternatives(w, new Map(), m.synonyms, m.query).forEach(function (alternative) {
          alternative.terms.forEach(function (t) {
            var prefix = postingsShard(m, t);
            if (prefix !== null) json("postings/" + prefix + ".json").catch(function () {});
          });
        });
      });
    }

    // The query plan of sitegen.search.query.plan_query, made once per text.
    var plans = new Map();
    engine.plan = function (text) {
      if (!plans.has(text)) {
        if (plans.size >= 64) plans.clear();
        var made = makePlan(text);
        plans.set(text, made);
        made.catch(function () { plans.delete(text); });
      }
      return plans.get(text);
    };
    function makePlan(text) {
      return meta().then(function (m) {
        var typed = analyser(m.analysis)(text);
        prefetchPostings(m, typed);
        return Promise.all(typed.map(function (w) { return lexicon(m, lexiconKey(w)); })).then(function (lexicons) {
          var plan = [], seen = new Set();
          typed.forEach(function (w, i) {
            var alternatives = wordAlternatives(w, lexicons[i], m.synonyms, m.query);
            var key = JSON.stringify(alternatives);
            if (!seen.has(key)) { seen.add(key); plan.push({ word: w, alternatives: alternatives }); }
          });
          return plan;
        });
      });
    }

    // Every matching document as [number, score], best first, ties to the lower number.
    engine.rank = function (text) {
      return Promise.all([meta(), engine.plan(text)]).then(function (both) {
        var m = both[0], plan = both[1];
        var terms = new Set();
        plan.forEach(function (w) { w.alternatives.forEach(function (a) { a.terms.forEach(function (t) { terms.add(t); }); }); });
        var list = Array.from(terms);
        return Promise.all(list.map(function (t) { return postings(m, t); })).then(function (found) {
          var byTerm = new Map();
          list.forEach(function (t, i) { byTerm.set(t, found[i]); });
          var totals = new Map();
          plan.forEach(function (w) {
            var best = new Map();
            w.alternatives.forEach(function (a) {
              var lists = a.terms.map(function (t) { return byTerm.get(t); });
              lists[0].forEach(function (_, number) {
                var sum = 0;
                for (var k = 0; k < lists.length; k++) {
                  if (!lists[k].has(number)) return;
                  sum += lists[k].get(number);
                }
                var score = a.weight * sum;
                if (!best.has(number) || score > best.get(number)) best.set(number, score);
              });
            });
            best.forEach(function (score, number) { totals.set(number, (totals.get(number) || 0) + score); });
          });
          return Array.from(totals.entries()).sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
        });
      });
    };

    engine.kindOf = function (m, number) {
      var kinds = m.documents.kinds;
      for (var i = 0; i < kinds.length; i++) if (number >= kinds[i][1] && number < kinds[i][2]) return kinds[i][0];
      return null;
    };

    // Ranked results, filtered by kind and category (a slug), with counts per kind.
    // Resolves to {results: [{url, score, number, doc}], total, kinds: {kind: count}}.
    engine.search = function (text, options) {
      options = options || {};
      var limit = options.limit === undefined ? 10 : options.limit, offset = options.offset || 0;
      return Promise.all([meta(), engine.rank(text)]).then(function (both) {
        var m = both[0], ranked = both[1];
        var categoryNumber = -1;
        m.categories.forEach(function (c, i) { if (c.slug === options.category) categoryNumber = i; });
        var facets = options.category && categoryNumber >= 0 ? json("facets.json") : Promise.resolve(null);
        return facets.then(function (f) {
          if (options.category && categoryNumber < 0) ranked = [];
          if (f) ranked = ranked.filter(function (p) { return f.categories[p[0]].indexOf(categoryNumber) >= 0; });
          var kinds = {};
          ranked.forEach(function (p) { var k = engine.kindOf(m, p[0]); kinds[k] = (kinds[k] || 0) + 1; });
          if (options.kind) ranked = ranked.filter(function (p) { return engine.kindOf(m, p[0]) === options.kind; });
          var shown = ranked.slice(offset, offset + limit), chunk = m.documents.chunk;
          return Promise.all(shown.map(function (p) { return json("docs/" + Math.floor(p[0] / chunk) + ".json"); }))
            .then(function (chunks) {
              return {
                total: ranked.length, kinds: kinds, categories: m.categories,
                results: shown.map(function (p, i) {
                  var doc = chunks[i][p[0] % chunk];
                  return { url: doc.u, score: p[1], number: p[0], doc: doc };
                }),
              };
            });
        });
      });
    };

    // Folded terms and words to mark in titles and snippets.
    engine.highlightTerms = function (text) {
      return Promise.all([meta(), engine.plan(text)]).then(function (both) {
        var marks = new Set();
        both[1].forEach(function (w) {
          marks.add(w.word);
          w.alternatives.forEach(function (a) { a.terms.forEach(function (t) { marks.add(t); }); });
        });
        return { fold: function (s) { return fold(s, both[0].analysis.extra_folds); },
                 terms: Array.from(marks).filter(function (t) { return codePoints(t).length >= 2; }) };
      });
    };

    engine.meta = meta;
    return engine;
  }

  var api = { fold: fold, stem: stem, damerauWithinOne: damerauWithinOne, open: open,
              safeKey: safeKey, wordAlternatives: wordAlternatives };
  global.BuurtportaalSearch = api;

  // ---------------------------------------------------------------- the page

  if (typeof document === "undefined") return;
  var form = document.querySelector("[data-search-form]");
  var input = document.getElementById("zoekterm");
  var list = document.getElementById("search-results");
  var status = document.querySelector("[data-search-status]");
  var fallback = document.querySelector("[data-search-fallback]");
  var filters = document.querySelector("[data-search-filters]");
  var more = document.querySelector("[data-search-more]");
  if (!form || !input || !list || !status) return;

  var engine = open(form.getAttribute("data-search-index") || "index/");
  var KIND_NAMES = { organisation: "Organisatie", event: "Activiteit", story: "Verhaal" };
  var PAGE = 10;
  var asked = 0, shownCount = 0, announceTimer = null;
  engine.meta().catch(function () {});  // start loading before the first keystroke

  function chosen(name) {
    var el = form.querySelector("[name='" + name + "']:checked") || form.querySelector("select[name='" + name + "']");
    return el && el.value ? el.value : "";
  }

  function marked(text, highlight) {
    var fragment = document.createDocumentFragment(), last = 0, match;
    var re = /[\p{L}\p{N}\p{M}]+/gu;
    while ((match = re.exec(text)) !== null) {
      var folded = highlight.fold(match[0]);
      var hit = highlight.terms.some(function (t) { return folded.startsWith(t); });
      if (!hit) continue;
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function item(result, highlight) {
    var doc = result.doc, li = document.createElement("li");
    var a = document.createElement("a");
    a.href = "../" + doc.u;
    a.appendChild(marked(doc.t, highlight));
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = " \u2014 " + (KIND_NAMES[doc.k] || doc.k) + (doc.d ? ", " + dateText(doc.d) : "");
    li.appendChild(a);
    li.appendChild(kind);
    if (doc.s) {
      var p = document.createElement("p");
      p.appendChild(marked(doc.s, highlight));
      li.appendChild(p);
    }
    return li;
  }

  // "maandag 24 november", as the agenda writes dates. Spelled out here rather than with
  // toLocaleDateString: loading the browser's locale data costs a fresh page 15-25 ms.
  var DAYS = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"];
  function dateText(iso) {
    var d = new Date(iso.slice(0, 10) + "T12:00:00");
    return isNaN(d) ? iso : DAYS[d.getDay()] + " " + d.getDate() + " " + MONTHS[d.getMonth()];
  }

  function updateCounts(kinds, total) {
    if (!filters) return;
    filters.querySelectorAll("[data-kind-count]").forEach(function (el) {
      var k = el.getAttribute("data-kind-count");
      el.textContent = "(" + (k ? kinds[k] || 0 : Object.keys(kinds).reduce(function (s, x) { return s + kinds[x]; }, 0)) + ")";
    });
  }

  function announce(text, now) {
    clearTimeout(announceTimer);
    if (now) { status.textContent = text; return; }
    // While typing, wait for a pause, so a screen reader is not talked over at every key.
    announceTimer = setTimeout(function () { status.textContent = text; }, 500);
  }

  function show(append, now) {
    var query = input.value, ticket = ++asked;
    var options = { kind: chosen("soort"), category: chosen("categorie"),
                    offset: append ? shownCount : 0, limit: PAGE };
    if (!query.trim()) {
      list.textContent = ""; shownCount = 0;
      if (fallback) fallback.hidden = false;
      if (more) more.hidden = true;
      updateCounts({}, 0);
      list.setAttribute("data-query", "");
      announce("", now);
      return Promise.resolve();
    }
    return Promise.all([engine.search(query, options), engine.highlightTerms(query)]).then(function (both) {
      if (ticket !== asked) return;  // a newer keystroke is already on its way
      var found = both[0], highlight = both[1];
      if (!append) { list.textContent = ""; shownCount = 0; }
      found.results.forEach(function (r) { list.appendChild(item(r, highlight)); });
      shownCount += found.results.length;
      if (fallback) fallback.hidden = found.total > 0;
      if (more) more.hidden = shownCount >= found.total;
      updateCounts(found.kinds, found.total);
      var q = "\u201c" + query.trim() + "\u201d";
      announce(found.total === 0 ? "Niets gevonden voor " + q + ". Probeer een ander woord, of kijk hieronder in de lijst van A tot Z."
        : found.total + (found.total === 1 ? " resultaat" : " resultaten") + " voor " + q +
          (found.total > shownCount ? ", de eerste " + shownCount + " staan hieronder." : "."), now);
      list.setAttribute("data-query", query);  // which query the list shows (tests wait on it)
    }).catch(function () {
      if (ticket !== asked) return;
      status.textContent = "Zoeken lukt nu niet. Gebruik de lijst van A tot Z hieronder.";
      if (fallback) fallback.hidden = false;
    });
  }

  function remember() {
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    if (chosen("soort")) params.set("soort", chosen("soort"));
    if (chosen("categorie")) params.set("categorie", chosen("categorie"));
    var qs = params.toString();
    history.replaceState(null, "", qs ? "?" + qs : "./");
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (filters) {
    filters.hidden = false;
    var kind = params.get("soort") || "";
    filters.querySelectorAll("[name='soort']").forEach(function (r) { r.checked = r.value === kind; });
    var select = filters.querySelector("select[name='categorie']");
    if (select) select.value = params.get("categorie") || "";
    filters.addEventListener("change", function () { remember(); show(false, true); });
  }
  if (more) more.addEventListener("click", function () {
    var first = shownCount;
    show(true, true).then(function () {
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
  });
  input.addEventListener("input", function () { remember(); show(false, false); });
  form.addEventListener("submit", function (e) { e.preventDefault(); show(false, true); });
  // Arrow keys move between the search box and the result links.
  form.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && e.target === input && list.querySelector("a")) {
      e.preventDefault(); list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.from(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowUp" && i === 0) input.focus();
    else if (links[i + (e.key === "ArrowDown" ? 1 : -1)]) links[i + (e.key === "ArrowDown" ? 1 : -1)].focus();
  });
  if (input.value) show(false, true);
})(typeof window !== "undefined" ? window : globalThis);
