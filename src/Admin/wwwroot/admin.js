// Keyboard navigation in the decision-table grids, like a spreadsheet: Enter and the up/down arrows move to the same
// column in the row below/above (Shift+Enter up), left/right move to the neighbouring cell when the caret stands at
// the cell's start/end; Tab works as always. F1 in a cell opens the cell-language help. One delegated listener, so
// the grids Blazor renders and re-renders need no wiring of their own.
(function () {
  "use strict";

  function cellOf(target) {
    return target instanceof HTMLInputElement && target.closest("table.grid[data-nav]") ? target : null;
  }

  function inputIn(td) {
    return td ? td.querySelector("input:not([type=checkbox]), select, textarea") : null;
  }

  function columnIndex(td) {
    return Array.prototype.indexOf.call(td.parentElement.children, td);
  }

  function vertical(input, step) {
    const td = input.closest("td");
    let tr = td.parentElement;
    const col = columnIndex(td);
    do { tr = step > 0 ? tr.nextElementSibling : tr.previousElementSibling; } while (tr && !inputIn(tr.children[col]));
    return tr ? inputIn(tr.children[col]) : null;
  }

  function horizontal(input, step) {
    let td = input.closest("td");
    do { td = step > 0 ? td.nextElementSibling : td.previousElementSibling; } while (td && !inputIn(td));
    return td ? inputIn(td) : null;
  }

  function go(event, next) {
    if (!next) return;
    event.preventDefault();
    next.focus();
    if (typeof next.select === "function") next.select();
  }

  document.addEventListener("keydown", function (event) {
    const input = cellOf(event.target);
    if (!input || event.altKey || event.ctrlKey || event.metaKey) return;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    switch (event.key) {
      case "ArrowDown": go(event, vertical(input, 1)); break;
      case "ArrowUp": go(event, vertical(input, -1)); break;
      case "Enter": go(event, vertical(input, event.shiftKey ? -1 : 1)); break;
      case "ArrowRight": if (atEnd) go(event, horizontal(input, 1)); break;
      case "ArrowLeft": if (atStart) go(event, horizontal(input, -1)); break;
      case "F1": {
        const help = document.getElementById("cell-help-toggle");
        if (help) { event.preventDefault(); help.click(); }
        break;
      }
    }
  });
})();
