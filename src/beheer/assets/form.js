// Enhances management's algorithm form; the form works fully without it.
// - Counters of visible characters update while typing (rich text counts its text, not its tags).
// - The documented formats (year-month, e-mail or https address) are checked while typing.
// - Rich text gets a small editor for what the standard allows (paragraphs and lists), kept in
//   the text area it replaces; the register sanitises whatever arrives anyway.
// - Leaving the page with changes that are not saved asks first.
(function () {
  'use strict';
  var form = document.querySelector('form[data-warn-unsaved]');
  if (!form) return;

  function visibleLength(control) {
    var value = control.value;
    if (control.classList.contains('rich-text')) {
      var doc = new DOMParser().parseFromString(value, 'text/html');
      value = doc.body.textContent || '';
    }
    return Array.from(value.trim()).length;
  }

  function updateCounter(control) {
    if (typeof control.value !== 'string') return;
    var ids = (control.getAttribute('aria-describedby') || '').split(' ');
    for (var i = 0; i < ids.length; i++) {
      if (!/-count$/.test(ids[i])) continue;
      var counter = document.getElementById(ids[i]);
      if (!counter) continue;
      var max = Number(counter.getAttribute('data-max'));
      var count = visibleLength(control);
      counter.textContent = counter.textContent.replace(/^\d+/, String(count));
      counter.classList.toggle('char-counter--over', count > max);
    }
  }

  // The documented formats, as src/standard/formats.ts checks them on saving.
  var FORMATS = {
    'yyyy-mm': function (v) { return /^\d{4}-(0[1-9]|1[0-2])$/.test(v); },
    'https-url': isHttpsUrl,
    'email-or-https-url': function (v) { return /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/.test(v) || isHttpsUrl(v); },
  };
  function isHttpsUrl(v) {
    try {
      var url = new URL(v);
      return url.protocol === 'https:' && url.hostname.indexOf('.') > 0;
    } catch (e) {
      return false;
    }
  }
  function checkFormat(control) {
    var format = control.getAttribute('data-format');
    var note = document.getElementById(control.id + '-format');
    if (!format || !note || !FORMATS[format]) return;
    var value = control.value.trim();
    var fits = value === '' || FORMATS[format](value);
    note.hidden = fits;
    note.textContent = fits ? '' : control.getAttribute('data-format-message');
  }

  // A small editor over each rich-text area: paragraphs and lists only, as the standard allows.
  function enhanceRichText(area) {
    var labels = JSON.parse(area.getAttribute('data-rich-labels') || '{}');
    var toolbar = document.createElement('div');
    toolbar.className = 'rich-toolbar';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', labels.toolbar || '');
    var editor = document.createElement('div');
    editor.className = 'rich-editor utrecht-textarea';
    editor.contentEditable = 'true';
    editor.setAttribute('role', 'textbox');
    editor.setAttribute('aria-multiline', 'true');
    editor.id = area.id + '-editor';
    var label = document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.id = label.id || area.id + '-label';
      editor.setAttribute('aria-labelledby', label.id);
      label.setAttribute('for', editor.id);
    }
    editor.setAttribute('aria-describedby', area.getAttribute('aria-describedby') || '');
    editor.innerHTML = area.value || '<p><br></p>';
    [['p', 'formatBlock', 'p'], ['ul', 'insertUnorderedList'], ['ol', 'insertOrderedList']].forEach(function (b) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'utrecht-button utrecht-button--subtle';
      button.textContent = labels[b[0]] || b[0];
      button.addEventListener('click', function () {
        editor.focus();
        document.execCommand(b[1], false, b[2]);
        sync();
      });
      toolbar.appendChild(button);
    });
    function sync() {
      area.value = editor.innerHTML;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }
    editor.addEventListener('input', sync);
    area.hidden = true;
    area.parentNode.insertBefore(toolbar, area);
    area.parentNode.insertBefore(editor, area);
  }
  Array.prototype.forEach.call(form.querySelectorAll('textarea.rich-text'), enhanceRichText);

  var changed = false;
  form.addEventListener('input', function (event) {
    changed = true;
    if (event.target && event.target.getAttribute) updateCounter(event.target);
  });
  form.addEventListener('focusout', function (event) {
    if (event.target && event.target.getAttribute) checkFormat(event.target);
  });
  form.addEventListener('input', function (event) {
    // While typing, a message only goes away; it appears when the field is left.
    var target = event.target;
    var note = target && target.id && document.getElementById(target.id + '-format');
    if (note && !note.hidden) checkFormat(target);
  });
  form.addEventListener('change', function () {
    changed = true;
  });
  form.addEventListener('submit', function () {
    changed = false;
  });
  window.addEventListener('beforeunload', function (event) {
    if (!changed) return;
    event.preventDefault();
    // Browsers show their own words; the text is for those that still use it.
    event.returnValue = form.getAttribute('data-warn-unsaved');
    return event.returnValue;
  });
})();
