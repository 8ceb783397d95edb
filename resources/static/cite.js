// The "Cite this" box's copy buttons. Without this script the citations are still there to
// select and copy by hand; with it, a button selects one and puts it on the clipboard.
(function () {
  'use strict';

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // The citation as rich text where the clipboard takes it (italics survive a paste into a
  // word processor), as plain text where it does not, and by the older copy command last.
  function copy(element) {
    var text = element.textContent;
    var clipboard = navigator.clipboard;
    var attempt = Promise.reject(new Error('no clipboard'));
    if (clipboard && clipboard.write && window.ClipboardItem) {
      attempt = clipboard.write([new ClipboardItem({
        'text/plain': new Blob([text], {type: 'text/plain'}),
        'text/html': new Blob([element.innerHTML], {type: 'text/html'})
      })]);
    } else if (clipboard && clipboard.writeText) {
      attempt = clipboard.writeText(text);
    }
    return attempt.catch(function () {
      select(element);
      if (!document.execCommand || !document.execCommand('copy')) {
        throw new Error('copy refused');
      }
    });
  }

  // A live region that is set to the words it already says has not changed, and a screen reader
  // says nothing of a second press: emptied first, and given its words a moment later, it says
  // them on every press.
  function announce(status, text) {
    status.textContent = '';
    setTimeout(function () {
      status.textContent = text;
    }, 100);
  }

  document.querySelectorAll('.cite').forEach(function (box) {
    var status = box.querySelector('.copy-status');
    box.querySelectorAll('.copy-citation').forEach(function (button) {
      var citation = document.getElementById(button.getAttribute('data-copy'));
      if (!citation) {
        return;
      }
      button.hidden = false;
      button.addEventListener('click', function () {
        select(citation);
        copy(citation).then(function () {
          select(citation);
          announce(status, button.getAttribute('data-label') + ' citation copied.');
        }, function () {
          select(citation);
          announce(status, 'The citation is selected: press Ctrl+C (or \u2318C) to copy it.');
        });
      });
    });
  });
})();
