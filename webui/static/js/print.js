// Prints the page: a button carrying data-print opens the browser's print dialog, and
// print.css leaves only the document on the sheet. The CSP forbids inline onclick handlers.
//
// An official document's 版记 ends its last page (GB/T 9704-2012 7.4). CSS cannot put a block
// at the foot of the last page, so once the page is laid out for print this works out where the
// pages break (a block that avoids breaking inside moves whole to the next page) and gives the
// 版记 the top margin that takes it to the foot of the page it ends on.
(function () {
  "use strict";
  var TYPE_AREA_MM = 225; // the height of A4's type area under print.css's margins
  var MIN_GAP_PT = 28.95; // at least a line between the text and the 版记

  function pxPerMm() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;height:100mm";
    document.body.appendChild(probe);
    var result = probe.getBoundingClientRect().height / 100;
    probe.remove();
    return result;
  }

  // Where the content before the 版记 ends on the paged sheet, from the sheet's top.
  function contentEnd(sheet, record, page) {
    var base = sheet.getBoundingClientRect().top;
    var shift = 0;
    var end = 0;
    Array.prototype.forEach.call(sheet.children, function (child) {
      if (child === record) {
        return;
      }
      var box = child.getBoundingClientRect();
      var top = box.top - base + shift;
      var bottom = box.bottom - base + shift;
      var avoids = window.getComputedStyle(child).breakInside === "avoid";
      if (avoids && box.height < page && Math.floor(top / page) !== Math.floor((bottom - 1) / page)) {
        shift += Math.ceil(top / page) * page - top;
        bottom = box.bottom - base + shift;
      }
      end = Math.max(end, bottom);
    });
    return end;
  }

  function fitRecords() {
    var page = TYPE_AREA_MM * pxPerMm();
    document.querySelectorAll(".document.official").forEach(function (sheet) {
      var record = sheet.querySelector(".document-record");
      if (!record) {
        return;
      }
      record.style.marginTop = "";
      var end = contentEnd(sheet, record, page);
      var last = Math.ceil((end + MIN_GAP_PT * 96 / 72 + record.offsetHeight) / page) * page;
      record.style.marginTop = Math.floor(last - end - record.offsetHeight - 2) + "px";
    });
  }

  function unfitRecords() {
    document.querySelectorAll(".document.official .document-record").forEach(function (record) {
      record.style.marginTop = "";
    });
  }

  var printing = window.matchMedia("print");
  function onChange() {
    if (printing.matches) {
      fitRecords();
    } else {
      unfitRecords();
    }
  }
  printing.addEventListener("change", onChange);
  window.addEventListener("beforeprint", fitRecords);
  window.addEventListener("afterprint", unfitRecords);

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
