/* The answering page works without this file. With it: questions whose display condition is
   not met are hidden (and their inputs disabled, so nothing is sent for them) and the shown
   ones numbered 1, 2, 3..., a progress bar counts the visible questions answered, and
   unfinished answers are kept on this device (localStorage) so that a dropped network or a
   closed tab loses nothing. The page arrives drawn as this script would draw it, so that
   starting it moves nothing.

   A draft is stored under the key the server puts in the page (data-draft): one person's
   one invitation, which another account on the same browser neither gets nor can work out.
   The thank-you page removes the survey's drafts, and logging out clears the storage.
   Written in plain ES5 so that old phone browsers run it. */
(function () {
  "use strict";
  var PREFIX = "survey-draft:";
  var MAX_AGE = 30 * 24 * 3600 * 1000;

  function each(list, fn) { for (var i = 0; i < list.length; i++) { fn(list[i], i); } }
  function storage() { try { return window.localStorage; } catch (e) { return null; } }

  var state = document.getElementById("state");
  if (state) {
    var done = state.getAttribute("data-state");
    var surveyId = state.getAttribute("data-survey");
    var store = storage();
    if (store && surveyId && (done === "thanks" || done === "used")) {
      var prefix = PREFIX + surveyId + ":";
      var stale = [];
      for (var k = 0; k < store.length; k++) {
        if (store.key(k).indexOf(prefix) === 0) { stale.push(store.key(k)); }
      }
      each(stale, function (name) { store.removeItem(name); });
    }
    return;
  }

  var form = document.getElementById("survey-form");
  if (!form) { return; }
  var draftId = form.getAttribute("data-draft");
  var store = draftId ? storage() : null;  // no draft on the officers' preview
  var key = PREFIX + draftId;
  forgetOldDrafts(store);
  var questions = form.querySelectorAll("fieldset[data-q]");
  var byId = {};
  each(questions, function (q) { byId[q.getAttribute("data-q")] = q; });

  function forgetOldDrafts(store) {
    // Drafts of earlier versions of this page were keyed by address: readable by anyone.
    if (!store) { return; }
    var old = [];
    for (var i = 0; i < store.length; i++) {
      var name = store.key(i);
      if (name.indexOf(PREFIX) === 0 && name.indexOf("/") !== -1) { old.push(name); }
    }
    each(old, function (name) { store.removeItem(name); });
  }

  function chosen(fieldset) {
    var values = [];
    each(fieldset.querySelectorAll("input[type=radio], input[type=checkbox]"), function (input) {
      if (input.checked) { values.push(input.value); }
    });
    return values;
  }

  function isVisible(q, seen) {
    var condition = q.getAttribute("data-cond");
    if (!condition || !byId[condition]) { return true; }
    seen = seen || {};
    if (seen[condition]) { return true; }
    seen[condition] = true;
    var source = byId[condition];
    if (!isVisible(source, seen)) { return false; }
    var wanted = (q.getAttribute("data-cond-values") || "").split(" ");
    var picked = chosen(source);
    for (var i = 0; i < picked.length; i++) {
      if (wanted.indexOf(picked[i]) !== -1) { return true; }
    }
    return false;
  }

  function answered(q) {
    var found = false;
    each(q.querySelectorAll("input, textarea"), function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { found = true; }
      } else if (input.value.replace(/\s+/g, "") !== "") { found = true; }
    });
    return found;
  }

  var bar = document.getElementById("progress");
  function progress() {
    if (!bar) { return; }
    var total = 0, done = 0;
    each(questions, function (q) {
      if (!isOff(q)) { total++; if (answered(q)) { done++; } }
    });
    bar.hidden = total < 2;
    var meter = bar.querySelector("progress");
    meter.max = total || 1;
    meter.value = done;
    bar.querySelector("span").textContent = form.getAttribute("data-progress-text")
      .replace("%(done)s", done).replace("%(total)s", total);
  }

  function isOff(q) { return (" " + q.className + " ").indexOf(" off ") !== -1; }

  function setNumber(element, number) {
    var span = element && element.querySelector(".n-js");
    if (span && span.textContent !== String(number)) { span.textContent = number; }
  }

  function apply() {
    var number = 0;
    each(questions, function (q) {
      var show = isVisible(q);
      if (show === isOff(q)) {
        q.className = show ? q.className.replace(/(^| )off( |$)/, " ") : q.className + " off";
      }
      each(q.querySelectorAll("input, textarea"), function (input) {
        if (input.disabled === show) { input.disabled = !show; }  // only what changes
      });
      if (show) {
        number++;
        setNumber(q, number);
        setNumber(document.querySelector("[data-num-for='" + q.getAttribute("data-q") + "']"),
                  number);
      }
    });
    progress();
  }

  function save() {
    if (!store) { return; }
    var values = [];
    each(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.disabled) { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      if (el.type === "submit") { return; }
      values.push([el.name, el.value]);
    });
    try { store.setItem(key, JSON.stringify({t: new Date().getTime(), v: values})); }
    catch (e) { /* storage full or forbidden: the page still works */ }
  }

  function restore() {
    // A page drawn after a submit already shows what was sent: the server's copy wins.
    if (!store || form.getAttribute("data-bound")) { return false; }
    var draft;
    try { draft = JSON.parse(store.getItem(key) || "null"); } catch (e) { draft = null; }
    if (!draft || !draft.v || new Date().getTime() - draft.t > MAX_AGE) { return false; }
    var restored = false;
    each(draft.v, function (pair) {
      each(form.querySelectorAll("[name='" + pair[0].replace(/[^\w-]/g, "") + "']"),
        function (el) {
          if (el.type === "radio" || el.type === "checkbox") {
            if (el.value === pair[1]) { el.checked = true; restored = true; }
          } else if (el.type === "hidden") {
            el.value = pair[1];  // the form key: a resend of the same answers counts once
          } else { el.value = pair[1]; restored = restored || pair[1] !== ""; }
        });
    });
    return restored;
  }

  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(save, 400); }

  each(form.querySelectorAll("[data-other-for]"), function (text) {
    text.addEventListener("input", function () {
      if (text.value.replace(/\s+/g, "") === "") { return; }
      each(form.querySelectorAll("[name='" + text.getAttribute("data-other-for") + "']"),
        function (el) { if (el.value === "other") { el.checked = true; } });
      apply();
    });
  });
  form.addEventListener("change", function () { apply(); save(); });
  form.addEventListener("input", function () { progress(); later(); });
  form.addEventListener("submit", function (event) {
    save();
    if (navigator.onLine === false) {
      event.preventDefault();
      window.alert(form.getAttribute("data-offline-text"));
    }
  });

  var notice = document.getElementById("draft-notice");
  if (restore() && notice) {
    notice.hidden = false;
    document.getElementById("draft-clear").addEventListener("click", function () {
      if (store) { store.removeItem(key); }
      var submissionKey = form.querySelector("[name=submission_key]").value;
      form.reset();
      form.querySelector("[name=submission_key]").value = submissionKey;
      notice.hidden = true;
      apply();
    });
  }
  apply();
  var errors = document.getElementById("errors");
  if (errors) { errors.focus(); }
}());
