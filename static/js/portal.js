/* Small behaviours templates ask for with data- attributes. The Content-Security-Policy
   allows scripts only from static files, so pages carry no onclick=/onchange= handlers. */
(function () {
  "use strict";
  // <select data-autosubmit>: choosing a value sends its form (the button stays for no-JS).
  document.addEventListener("change", function (event) {
    var field = event.target.closest && event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.submit();
  });
  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
  // <form data-confirm="question">: ask before sending (an issue that cannot be undone).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
})();
