/* The login page after logging out (?dang_xuat=1): forget what this site kept in the
   browser (unfinished survey answers, other drafts), so that the next person on a shared
   computer or phone finds none of it. The logout response also sends Clear-Site-Data,
   which browsers honour only over HTTPS. Plain ES5. */
(function () {
  "use strict";
  try { window.localStorage.clear(); } catch (e) { /* storage forbidden: nothing kept */ }
  try { window.sessionStorage.clear(); } catch (e) { /* idem */ }
}());
