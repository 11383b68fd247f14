// Shows the birth date and sex read from the ID number as it is typed (the server checks again).
(function () {
  const input = document.getElementById("id_id_number"), out = document.getElementById("id-facts");
  const labels = JSON.parse(document.getElementById("id-labels").textContent || "{}");
  if (!input || !out) return;
  const W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2], C = "10X98765432";
  input.addEventListener("input", function () {
    const v = input.value.trim().toUpperCase();
    out.hidden = v.length !== 18;
    if (out.hidden) return;
    const ok = /^\d{17}[\dX]$/.test(v) && C[[...v.slice(0, 17)].reduce((s, c, i) => s + c * W[i], 0) % 11] === v[17];
    out.className = "form-text mb-3 " + (ok ? "text-success" : "text-danger");
    out.textContent = ok ? labels.birth + " " + v.slice(6, 10) + "-" + v.slice(10, 12) + "-" + v.slice(12, 14) + " · " + (v[16] % 2 ? labels.male : labels.female) : labels.bad;
  });
})();
