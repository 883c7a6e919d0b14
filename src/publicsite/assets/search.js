// Enhances the search forms; everything works without it. Suggestions while typing (from
// /api/v1/suggest, into the search box's datalist), and on the search page a ticked filter or
// a new sort order applies at once.
(() => {
  const input = document.getElementById('q');
  const list = document.getElementById('q-suggestions');
  if (input && list) {
    let timer;
    let latest = '';
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        latest = q;
        const response = await fetch(`/api/v1/suggest?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!response.ok || latest !== q) return;
        const items = await response.json();
        list.replaceChildren(
          ...items.map((item) => {
            const option = document.createElement('option');
            option.value = item.name;
            option.label = item.organization;
            return option;
          }),
        );
      }, 150);
    });
  }
  const form = document.querySelector('form[data-instant]');
  if (form) {
    form.addEventListener('change', (event) => {
      if (event.target.matches('input[type=checkbox], select')) {
        // A new filter or order starts at the first page.
        form.querySelectorAll('input[name=page]').forEach((page) => page.remove());
        form.requestSubmit();
      }
    });
    form.querySelector('.apply-filters')?.setAttribute('hidden', '');
  }
})();
