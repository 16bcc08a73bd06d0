// What was typed into a refused form survives a reload. The refused answer keeps the form's
// values in this tab's sessionStorage (refused.js then makes a reload a GET of the task page,
// which shows the form as the server has it); that GET puts them back once, with the form's
// [data-restored-notice] shown. The CSP forbids inline scripts: the page's address comes from
// this script element's data-page-url and, on a refused answer, the form's id from data-keep.
// File inputs cannot be refilled, and the CSRF token must stay the page's own: neither is kept.
(function () {
  "use strict";
  var script = document.currentScript;
  var storage = available();
  if (!script || !storage) {
    return;
  }
  var prefix = "lianxi.refused " + script.getAttribute("data-page-url") + " ";
  var keep = script.getAttribute("data-keep");
  if (keep) {
    keepTyping(document.getElementById(keep));
  } else {
    restoreAll();
  }

  function available() {
    try {
      return window.sessionStorage; // refused when the browser keeps no site data
    } catch (refused) {
      return null;
    }
  }

  function kept(field) {
    if (!field.name || field.name === "csrf_token") {
      return false;
    }
    if (field.tagName === "TEXTAREA" || field.tagName === "SELECT") {
      return true;
    }
    var skipped = ["file", "hidden", "password", "submit", "button", "reset", "image"];
    return field.tagName === "INPUT" && skipped.indexOf(field.type) === -1;
  }

  // name -> values in the form's order: what is checked or selected, or each box's text
  function valuesOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!kept(field)) {
        return;
      }
      var list = (values[field.name] = values[field.name] || []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) {
          list.push(field.value);
        }
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.selectedOptions, function (option) {
          list.push(option.value);
        });
      } else {
        list.push(field.value);
      }
    });
    return values;
  }

  function save(key, form) {
    try {
      storage.setItem(key, JSON.stringify(valuesOf(form)));
    } catch (full) {
      // over the quota: the refused page itself still shows what was typed
    }
  }

  // What is typed after the refusal counts too; once the form is sent again, the answer to
  // that submission decides what the page shows, so nothing is left to put back.
  function keepTyping(form) {
    if (!form) {
      return; // the task closed meanwhile: no form to come back to
    }
    var key = prefix + form.id;
    save(key, form);
    form.addEventListener("input", function () { save(key, form); });
    form.addEventListener("change", function () { save(key, form); });
    window.addEventListener("submit", function (event) {
      if (event.target === form && !event.defaultPrevented) { // not when the confirmation was declined
        storage.removeItem(key);
      }
    });
  }

  function restoreAll() {
    var stored = [];
    for (var i = 0; i < storage.length; i++) {
      if (storage.key(i).indexOf(prefix) === 0) {
        stored.push(storage.key(i));
      }
    }
    stored.forEach(function (key) {
      var form = document.getElementById(key.slice(prefix.length));
      var values = JSON.parse(storage.getItem(key));
      storage.removeItem(key); // once: the next reload shows the server's draft, or nothing
      if (form && form.tagName === "FORM") {
        refill(form, values);
      }
    });
  }

  function refill(form, values) {
    var texts = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!kept(field) || !values.hasOwnProperty(field.name)) {
        return;
      }
      var wanted = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = wanted.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = wanted.indexOf(option.value) !== -1;
        });
      } else {
        texts[field.name] = texts[field.name] || 0;
        field.value = wanted[texts[field.name]++] || "";
      }
    });
    var notice = form.querySelector("[data-restored-notice]");
    if (notice) {
      notice.hidden = false;
    }
  }
})();
