// The staff check-in page: scan a ticket's QR code with the phone's camera where the browser
// has BarcodeDetector; the typed code (and the name search) work everywhere.
(function () {
  "use strict";
  var scanner = document.getElementById("scanner");
  var form = document.getElementById("code-form");
  var input = document.getElementById("code");
  if (!scanner || !form || !input) return;
  input.focus();
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  scanner.hidden = false;
  var video = document.getElementById("scan-video");
  var error = document.getElementById("scan-error");
  document.getElementById("scan-start").addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () {
          var look = function () {
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                stream.getTracks().forEach(function (t) { t.stop(); });
                input.value = codes[0].rawValue;
                form.submit();
              } else {
                window.requestAnimationFrame(look);
              }
            }, function () { window.requestAnimationFrame(look); });
          };
          look();
        });
      })
      .catch(function () { error.hidden = false; });
  });
})();
