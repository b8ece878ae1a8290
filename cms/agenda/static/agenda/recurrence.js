/*
 * The event editor's repeat fields: show only the questions that belong to the chosen
 * repeat, and keep the "Volgende data" list current while the volunteer types, before
 * anything is saved. The dates come from /admin/agenda/volgende-data/, which works them
 * out exactly as the portal will. Without this script every field stays visible and the
 * list is filled in by the server when the form is saved.
 */
(function () {
  "use strict";

  // Form fields the list depends on; these are also the endpoint's query parameters.
  var FIELDS = [
    "start_date", "start_time", "end_date", "end_time",
    "repeat", "repeat_weekdays", "repeat_ordinal", "repeat_ordinal_weekday",
    "repeat_monthday", "repeat_end", "repeat_until", "repeat_count",
    "recurrence", "exdates",
  ];
  var FRIENDLY = ["weekly", "biweekly", "monthly_weekday", "monthly_day"];
  var WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]; // Date.getDay() order

  function field(form, name) {
    return form.querySelector('[name="' + name + '"]');
  }

  function chosen(form, name) {
    var input = form.querySelector('[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  function setShown(form, name, shown) {
    var input = field(form, name);
    if (!input) return;
    var wrapper = input.closest(".w-panel__wrapper") || input.closest("[data-field-wrapper]");
    if (wrapper) wrapper.hidden = !shown;
  }

  function showRelevant(form) {
    var kind = chosen(form, "repeat");
    var end = chosen(form, "repeat_end");
    var friendly = FRIENDLY.indexOf(kind) !== -1;
    setShown(form, "repeat_weekdays", kind === "weekly" || kind === "biweekly");
    setShown(form, "repeat_ordinal", kind === "monthly_weekday");
    setShown(form, "repeat_ordinal_weekday", kind === "monthly_weekday");
    setShown(form, "repeat_monthday", kind === "monthly_day");
    setShown(form, "repeat_end", friendly);
    setShown(form, "repeat_until", friendly && end === "until");
    setShown(form, "repeat_count", friendly && end === "count");
    setShown(form, "recurrence", kind === "advanced");
  }

  // Month names and abbreviations, as cms/core/dutchdates.py reads them.
  var MONTHS = {
    januari: 1, jan: 1, februari: 2, feb: 2, febr: 2, maart: 3, mrt: 3, maa: 3, mar: 3,
    march: 3, april: 4, apr: 4, mei: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7,
    july: 7, augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10,
    oct: 10, october: 10, november: 11, nov: 11, december: 12, dec: 12,
  };

  // The date typed in a date field, or null: 17-12-2026, 17/12/2026, 17.12.26, 2026-12-17,
  // "17 december 2026" and "vr 17 dec. 2026" (the weekday word is left to the server).
  // A day that does not exist (31-02-2026) is null, never a day in the next month.
  function readDate(text) {
    var value = text.trim().toLowerCase().replace(/\s+/g, " ");
    var year, month, day, match;
    if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value))) {
      year = +match[1]; month = +match[2]; day = +match[3];
    } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(value))) {
      day = +match[1]; month = +match[2];
      year = match[3].length === 2 ? 2000 + +match[3] : +match[3];
    } else if ((match = /^(?:[a-z]+\.?,? )?(\d{1,2})(?:e|ste|de)? ([a-z]+)\.?,? (\d{4})$/
      .exec(value))) {
      day = +match[1]; month = MONTHS[match[2]]; year = +match[3];
      if (!month) return null;
    } else {
      return null;
    }
    var date = new Date(year, month - 1, day, 12);
    var exists = date.getFullYear() === year && date.getMonth() === month - 1 &&
      date.getDate() === day;
    return exists ? date : null;
  }

  // "Elke week op ..." with no day ticked yet: start with the weekday of the first date.
  function tickStartWeekday(form) {
    var kind = chosen(form, "repeat");
    if (kind !== "weekly" && kind !== "biweekly") return;
    if (form.querySelector('[name="repeat_weekdays"]:checked')) return;
    var start = field(form, "start_date");
    var day = start ? readDate(start.value) : null;
    if (!day) return;
    var box = form.querySelector('[name="repeat_weekdays"][value="' + WEEKDAYS[day.getDay()] + '"]');
    if (box) box.checked = true;
  }

  function query(form, zone) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (FIELDS.indexOf(name) !== -1 && typeof value === "string") params.append(name, value);
    });
    params.set("zone", zone);
    return params.toString();
  }

  function render(box, answer) {
    var list = box.querySelector("[data-next-dates-list]");
    var message = box.querySelector("[data-next-dates-message]");
    list.replaceChildren.apply(list, answer.dates.map(function (date) {
      var item = document.createElement("li");
      item.textContent = date.text; // text, never HTML
      return item;
    }));
    message.textContent = answer.message || "";
    message.hidden = !answer.message;
  }

  function init() {
    var box = document.querySelector("[data-agenda-next-dates]");
    var form = box && box.closest("form");
    if (!form) return;
    var timer = null;
    var latest = 0;

    function refresh() {
      var ticket = ++latest;
      fetch(box.dataset.url + "?" + query(form, box.dataset.zone), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (!answer || ticket !== latest) return; // a newer question is on its way
          render(box, answer);
          var raw = field(form, "recurrence");
          // Keep the raw rule in step, so "Geavanceerd" starts from what was chosen.
          if (raw && answer.rule && FRIENDLY.indexOf(chosen(form, "repeat")) !== -1) {
            raw.value = answer.rule;
          }
        })
        .catch(function () { /* offline: the server fills the list on saving */ });
    }

    function changed(event) {
      if (!event.target || FIELDS.indexOf(event.target.name) === -1) return;
      if (event.target.name === "repeat" || event.target.name === "start_date") {
        tickStartWeekday(form);
      }
      showRelevant(form);
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 300);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    showRelevant(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
