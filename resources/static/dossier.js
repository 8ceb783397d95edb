// Small improvements over pages that work without it: the filters stand open beside the results on
// a wide screen, a refused form moves the focus to what went wrong, and the long lists of people
// and places in the edit form become a picker. Without this script every one of them still works.
(function () {
  'use strict';

  // Search: on a wide screen the filters are a sidebar, open; on a phone, one "Filters (n)" line.
  var filters = document.querySelector('details.filters');
  if (filters && window.matchMedia) {
    var wide = window.matchMedia('(min-width: 52.01rem)');
    var openedByServer = filters.open;
    var follow = function () {
      filters.open = wide.matches || openedByServer;
    };
    follow();
    if (wide.addEventListener) {
      wide.addEventListener('change', follow);
    }
  }

  // A refused form: the focus goes to the summary of its problems, whose links lead to the fields;
  // a form with no summary (withdraw, restore, a search's date range), to the field refused, which
  // its message describes, or to the message itself when no field is to blame (a save refused
  // because someone else saved meanwhile: the conflict). The page's autofocus does the same without
  // this script.
  var summary = document.querySelector('.error-summary');
  var refused = summary ? null : document.querySelector('main [aria-invalid=true]')
      || document.querySelector('main .form-problem[tabindex="-1"], main .conflict[tabindex="-1"]');
  if (refused) {
    refused.focus();
  }
  if (summary) {
    summary.focus();
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var field = link && document.getElementById(link.getAttribute('href').slice(1));
      if (field) {
        event.preventDefault();
        var target = field.matches('fieldset') ? (field.querySelector('.picker-find') || field) : field;
        target.focus();
        target.scrollIntoView({block: 'center'});
      }
    });
  }

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // People and places: the checkboxes stay in the form (they are what it sends), hidden; the picker
  // lists the chosen ones, each with a Remove button, and finds others as one types.
  document.querySelectorAll('fieldset[data-picker]').forEach(function (fieldset) {
    var field = fieldset.getAttribute('data-picker');
    var noun = fieldset.getAttribute('data-noun');
    var list = fieldset.querySelector('.choice-list');
    var options = Array.prototype.map.call(list.querySelectorAll('input[type=checkbox]'), function (box, index) {
      var name = box.parentNode.textContent.trim();
      // A person's role select (if the list has them) travels with the person into the chosen list.
      var home = box.closest('.person-choice');
      var role = home ? home.querySelector('select') : null;
      // So does the box for its place in the record's order.
      var order = home ? home.querySelector('input.person-order') : null;
      return {box: box, name: name, folded: fold(name), home: home, role: role, order: order, index: index};
    });

    // The place typed in a person's order box, or Infinity when it is blank or not a number: those
    // come after the numbered ones, as the server puts them.
    function placeOf(o) {
      var typed = o.order ? o.order.value.trim() : '';
      return /^[0-9]+$/.test(typed) ? parseInt(typed, 10) : Infinity;
    }

    // The chosen are listed as the record will name them (and as the page without this script
    // reads them back): by role, authors first, then by their numbers, then as the list has them.
    // Listed alphabetically instead, a record's order read differently here from its page.
    function inRecordOrder(a, b) {
      var byRole = (a.role ? a.role.selectedIndex : 0) - (b.role ? b.role.selectedIndex : 0);
      if (byRole !== 0) {
        return byRole;
      }
      var pa = placeOf(a), pb = placeOf(b);
      if (pa !== pb) {
        return pa < pb ? -1 : 1;
      }
      return a.index - b.index;
    }
    var legend = fieldset.querySelector('legend').textContent.trim();
    var picker = element('div', 'picker');
    var chosen = element('ul', 'picker-chosen');
    chosen.setAttribute('aria-label', 'Chosen ' + legend.toLowerCase());
    var none = element('p', 'picker-none', 'None chosen.');
    var label = element('label', 'picker-label', 'Find a ' + noun + ' to add');
    var find = element('input', 'picker-find');
    find.type = 'search';
    find.id = field + '-find';
    find.autocomplete = 'off';
    label.htmlFor = find.id;
    var matches = element('ul', 'picker-matches');
    matches.id = field + '-matches';
    find.setAttribute('aria-controls', matches.id);
    var status = element('p', 'visually-hidden picker-status');
    status.setAttribute('role', 'status');
    // How many match is said once the typing pauses, not after every letter (a screen reader said
    // each count over the echo of the next letter typed), as the search boxes do (the same pause, which
    // a browser test may shorten the same way); what a button did, at once.
    var SAY_AFTER_MS = typeof window.dossierTypingPauseMs === 'number' ? window.dossierTypingPauseMs : 1400;
    var saying = null;
    function sayLater(text) {
      clearTimeout(saying);
      saying = setTimeout(function () {
        status.textContent = text;
      }, SAY_AFTER_MS);
    }
    function say(text) {
      clearTimeout(saying);
      status.textContent = text;
    }
    picker.append(chosen, none, label, find, matches, status);
    list.hidden = true;
    fieldset.insertBefore(picker, list);

    function showChosen() {
      options.forEach(function (o) {
        if (o.role && o.role.parentNode !== o.home) {
          o.home.append(o.role);
        }
        if (o.order && o.order.parentNode !== o.home) {
          o.home.append(o.order);
        }
      });
      chosen.textContent = '';
      options.filter(function (o) { return o.box.checked; }).sort(inRecordOrder).forEach(function (o) {
        var item = element('li', 'picker-item');
        item.append(element('span', 'picker-name', o.name));
        if (o.role) {
          item.append(o.role);
        }
        if (o.order) {
          item.append(o.order);
        }
        var remove = element('button', 'picker-remove secondary', 'Remove');
        remove.type = 'button';
        remove.append(element('span', 'visually-hidden', ' ' + o.name));
        remove.addEventListener('click', function () {
          o.box.checked = false;
          showChosen();
          showMatches();
          say(o.name + ' removed.');
          find.focus();
        });
        item.append(remove);
        chosen.append(item);
      });
      none.hidden = chosen.children.length > 0;
    }

    function showMatches() {
      matches.textContent = '';
      var typed = fold(find.value.trim());
      clearTimeout(saying);
      if (!typed) {
        return;
      }
      var found = options.filter(function (o) { return !o.box.checked && o.folded.indexOf(typed) >= 0; });
      found.slice(0, 8).forEach(function (o) {
        var item = element('li');
        var add = element('button', 'picker-add secondary');
        add.type = 'button';
        add.setAttribute('data-name', o.name);
        add.append(element('span', 'visually-hidden', 'Add '), document.createTextNode(o.name));
        add.addEventListener('click', function () { choose(o); });
        item.append(add);
        matches.append(item);
      });
      sayLater(found.length === 0 ? 'No ' + noun + ' matches.'
          : found.length + (found.length === 1 ? ' match' : ' matches') + (found.length > 8 ? ', the first 8 shown.' : '.'));
    }

    function choose(o) {
      // One added comes last in the record's order (of its role), as an editor adding a name expects;
      // left blank, it would be placed by the list's alphabetical order among other blank ones.
      if (o.order && o.order.value.trim() === '') {
        var last = 0;
        options.forEach(function (other) {
          var place = placeOf(other);
          if (other.box.checked && place !== Infinity && place > last) {
            last = place;
          }
        });
        o.order.value = String(last + 1);
      }
      o.box.checked = true;
      find.value = '';
      showChosen();
      showMatches();
      say(o.name + ' added.');
      find.focus();
    }

    find.addEventListener('input', showMatches);
    // Escape from one of the matches closes them and goes back to the box, as Escape in the box (a
    // search field, which it empties) does: from a match it did nothing, the list staying open.
    matches.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        find.value = '';
        showMatches();
        find.focus();
      }
    });
    find.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        event.preventDefault();
        var first = matches.querySelector('.picker-add');
        if (first) {
          first.click();
        }
      }
    });
    showChosen();
  });
})();
