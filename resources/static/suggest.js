// Suggestions as one types in a search box: people and places by any form of their name, and words
// of the catalogue, from /search/suggest.json. The WAI-ARIA combobox pattern (an editable combobox
// with a list): Down and Up move through the suggestions, Enter searches for the one chosen, Escape
// closes the list, and a status line tells a screen reader how many there are (or that there are
// none, or none while search is not available: a fresh start opening its index). Without this script
// the search boxes are plain search fields and every search works the same.
(function () {
  'use strict';

  var ENDPOINT = '/search/suggest.json';
  var DELAY_MS = 150;
  // How many suggestions there are is said once the typing pauses, not after every letter: over the
  // letters of a name a screen reader said "8 suggestions", "3 suggestions", "1 suggestion", each
  // cutting into its echo of the next letter typed. 1.4 s, as GOV.UK's accessible-autocomplete waits.
  // A browser test that checks what is said, not when, shortens it (dossierTypingPauseMs, set before
  // the page's scripts run): no page sets it.
  var SAY_AFTER_MS = typeof window.dossierTypingPauseMs === 'number' ? window.dossierTypingPauseMs : 1400;
  var inputs = document.querySelectorAll('form[action="/search"] input[type=search][name=q]');
  if (!inputs.length || !window.fetch) {
    return;
  }
  var sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  // The page names the style sheet by the address of its bytes, which a browser keeps a year.
  sheet.href = (document.currentScript && document.currentScript.getAttribute('data-sheet')) || '/static/suggest.css';
  document.head.appendChild(sheet);

  var KINDS = {person: 'person', place: 'place', word: 'word'};
  var NONE = 'No suggestions.';
  var UNAVAILABLE = 'No suggestions: search is not available yet. Try again in a minute.';

  Array.prototype.forEach.call(inputs, function (input, n) {
    var form = input.form;
    var listId = (input.id || 'q-' + n) + '-suggestions';
    var wrap = document.createElement('div');
    wrap.className = 'suggest';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggest-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions');
    // Not a Tab stop (the arrows move through it): Chromium makes a list that scrolls one, and Tab from
    // the box went into it, which the box's blur then closed, leaving the focus at the top of the page.
    list.tabIndex = -1;
    // A press anywhere on the list (its scroll bar, its padding) leaves the focus in the box: the
    // list took it, and the box's blur closed the list under the pointer of a reader scrolling it.
    // Scrolling by the bar is not a default a press cancels; choosing is the options' own press.
    list.addEventListener('mousedown', function (event) {
      event.preventDefault();
    });
    list.hidden = true;
    wrap.appendChild(list);
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    wrap.appendChild(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('autocomplete', 'off');

    var options = [];
    var active = -1;
    var typed = input.value;
    var timer = null;
    var pending = null;
    var cache = {};
    var saying = null;

    function say(text) {
      clearTimeout(saying);
      saying = setTimeout(function () {
        status.textContent = text;
      }, SAY_AFTER_MS);
    }

    function close() {
      clearTimeout(saying);
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        option.element.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      active = index;
      if (index < 0) {
        input.removeAttribute('aria-activedescendant');
        input.value = typed;
      } else {
        input.setAttribute('aria-activedescendant', options[index].element.id);
        input.value = options[index].text;
        options[index].element.scrollIntoView({block: 'nearest'});
      }
    }

    function choose(index) {
      input.value = options[index].text;
      close();
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }

    // What the status line says, once the typing pauses, when the list stays closed: 'none' when the
    // letters typed have no suggestion, 'unavailable' while search is starting; silence for a
    // word too short to look up.
    function show(suggestions, instead) {
      list.textContent = '';
      options = suggestions.map(function (s, i) {
        var li = document.createElement('li');
        li.id = listId + '-' + i;
        li.className = 'suggest-option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var text = document.createElement('span');
        text.className = 'suggest-text';
        text.dir = 'auto';
        text.textContent = s.text;
        li.appendChild(text);
        var about = document.createElement('span');
        about.className = 'suggest-about';
        var kind = KINDS[s.kind] || 'word';
        about.textContent = ' ' + (s.label && s.label !== s.text ? kind + ', ' + s.label : kind) + ', '
            + s.records + (s.records === 1 ? ' record' : ' records');
        li.appendChild(about);
        // mousedown, not click: the input keeps the focus, so the list is not closed on blur first.
        li.addEventListener('mousedown', function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
        return {element: li, text: s.text};
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (options.length && document.activeElement === input) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
        say(options.length + (options.length === 1 ? ' suggestion' : ' suggestions')
            + ': use the up and down arrows to choose one.');
      } else {
        close();
        status.textContent = '';
        if (instead && document.activeElement === input) {
          say(instead);
        }
      }
    }

    function lookUp() {
      var q = input.value;
      if (q.trim().length < 2 || q.length > 100) {
        show([]);
        return;
      }
      if (cache[q]) {
        show(cache[q], NONE);
        return;
      }
      if (pending && pending.abort) {
        pending.abort();
      }
      pending = window.AbortController ? new AbortController() : null;
      fetch(ENDPOINT + '?q=' + encodeURIComponent(q), {
        headers: {Accept: 'application/json'},
        signal: pending ? pending.signal : undefined
      }).then(function (response) {
        if (response.ok) {
          return response.json();
        }
        // Not kept: the same letters may have suggestions a moment later. A 503 is the index still
        // opening (a fresh start): said, or a reader heard nothing and could not tell why.
        if (input.value === q) {
          show([], response.status === 503 ? UNAVAILABLE : '');
        }
        return null;
      }).then(function (body) {
        if (!body) {
          return;
        }
        cache[q] = body.suggestions || [];
        if (input.value === q) {
          show(cache[q], NONE);
        }
      }).catch(function () {
        // Aborted by a newer letter, or the network: the box stays a plain search box.
      });
    }

    input.addEventListener('input', function () {
      typed = input.value;
      clearTimeout(timer);
      timer = setTimeout(lookUp, DELAY_MS);
    });

    input.addEventListener('keydown', function (event) {
      var open = !list.hidden;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open) {
          if (options.length) {
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
          } else {
            typed = input.value;
            lookUp();
            return;
          }
        }
        highlight(active + 1 >= options.length ? -1 : active + 1);
      } else if (event.key === 'ArrowUp' && open) {
        event.preventDefault();
        highlight(active - 1 < -1 ? options.length - 1 : active - 1);
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === 'Escape' && open) {
        event.preventDefault();
        highlight(-1);
        close();
      }
    });

    input.addEventListener('blur', function () {
      close();
    });
  });
})();
