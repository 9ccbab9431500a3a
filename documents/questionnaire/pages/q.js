// The questionnaire works without this script: every question is shown and the server
// ignores the answers of those that do not apply. With it, conditional questions
// (data-when, the definition's enableWhen) are shown only when they apply.
"use strict";
(function () {
	var form = document.querySelector("form");
	if (!form) {
		return;
	}
	function answer(q) {
		if (q === "$minor") {
			var age = answer("$age");
			return age === null ? null : String(age < Number(form.getAttribute("data-consent-age") || 18));
		}
		if (q === "$age") {
			var born = new Date(value("birth_date") + "T00:00:00");
			if (isNaN(born)) {
				return null;
			}
			var now = new Date(), age = now.getFullYear() - born.getFullYear();
			if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) {
				age--;
			}
			return age;
		}
		var els = form.querySelectorAll("[name='q." + q + "']"), out = [];
		els.forEach(function (el) {
			if ((el.type === "radio" || el.type === "checkbox") ? el.checked : el.value.trim() !== "") {
				out.push(el.value.trim());
			}
		});
		return out.length ? out : null;
	}
	function value(q) {
		var a = answer(q);
		return a ? a[0] : "";
	}
	function holds(w) {
		var a = answer(w.question);
		if (w.operator === "exists") {
			return (a !== null) === w.answer;
		}
		if (a === null) {
			return w.operator === "!=";
		}
		var list = Array.isArray(a) ? a : [a];
		var want = w.answer;
		var match = list.some(function (v) {
			var x = typeof want === "number" ? Number(v) : typeof want === "boolean" ? v === "true" : v;
			switch (w.operator) {
			case "=": return x === want;
			case ">": return x > want;
			case "<": return x < want;
			case ">=": return x >= want;
			case "<=": return x <= want;
			}
			return false;
		});
		return w.operator === "!=" ? !list.some(function (v) { return v === String(want); }) : match;
	}
	function update() {
		form.querySelectorAll("[data-when]").forEach(function (el) {
			var when = JSON.parse(el.getAttribute("data-when"));
			var any = el.getAttribute("data-behavior") === "any";
			el.hidden = !(any ? when.some(holds) : when.every(holds));
		});
	}
	form.addEventListener("input", update);
	form.addEventListener("change", update);
	update();
})();
