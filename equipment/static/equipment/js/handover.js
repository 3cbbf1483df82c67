/* The hand-over form: show only the fields of the chosen formula, fill the sale price from
   the device, and add up the shares (euros or "20 %") against the price as people type. */
(function () {
  "use strict";
  function number(value) {
    var parsed = parseFloat(String(value || "").replace(",", ".").replace("€", "").trim());
    return isNaN(parsed) ? null : parsed;
  }
  function euros(value) {
    return value.toFixed(2).replace(".", ",") + " €";
  }
  document.querySelectorAll("[data-handover-form]").forEach(function (form) {
    var device = form.querySelector("[data-device]");
    var price = form.querySelector("[data-price-input]");
    var total = form.querySelector("[data-total]");

    function chosenPrice() {
      var typed = number(price.value);
      if (typed !== null) return typed;
      var option = device.options[device.selectedIndex];
      return option ? number(option.getAttribute("data-price")) : null;
    }
    function share(input, base) {
      var text = input.value.trim();
      if (text.slice(-1) === "%") {
        var percent = number(text.slice(0, -1));
        return percent === null || base === null ? 0 : Math.round(base * percent) / 100;
      }
      return number(text) || 0;
    }
    function update() {
      var formula = form.querySelector("[data-formula]:checked");
      form.querySelectorAll("[data-part]").forEach(function (part) {
        part.hidden = !formula || part.getAttribute("data-part") !== formula.value;
      });
      var base = chosenPrice();
      var sum = 0;
      form.querySelectorAll("[data-share]").forEach(function (input) { sum += share(input, base); });
      if (total) {
        var text = (total.getAttribute("data-label") || "") + " " + euros(sum);
        if (base !== null) text += " / " + euros(base);
        total.textContent = text;
        total.classList.toggle("mismatch", base !== null && Math.abs(sum - base) > 0.004);
      }
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  });
})();
