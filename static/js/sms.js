// "Send code again" buttons wait out the per-number limit (60 s) with a visible countdown.
(function () {
  var WAIT = 60;
  document.querySelectorAll('button[form="resend"], [data-sms-countdown]').forEach(function (button) {
    var label = button.textContent.trim();
    var left = parseInt(button.getAttribute('data-sms-countdown') || WAIT, 10);
    function tick() {
      if (left <= 0) {
        button.disabled = false;
        button.textContent = label;
        return;
      }
      button.disabled = true;
      button.textContent = label + ' (' + left + 's)';
      left -= 1;
      setTimeout(tick, 1000);
    }
    tick();
  });
})();
