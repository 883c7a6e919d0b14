// Enhances management's algorithm form; the form works fully without it.
// - Counters of visible characters update while typing (rich text counts its text, not its tags).
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

  var changed = false;
  form.addEventListener('input', function (event) {
    changed = true;
    if (event.target && event.target.getAttribute) updateCounter(event.target);
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
