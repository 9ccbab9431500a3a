// The manage-visit page works without this script. With it, a form is sent once
// however often it is tapped, one day of the time picker is open at a time (also
// where <details name> is not supported), and the chosen time is repeated above
// the button.
"use strict";
(function () {
	var forms = document.querySelectorAll("form");
	forms.forEach(function (form) {
		form.addEventListener("submit", function (e) {
			if (form.dataset.sent) {
				e.preventDefault();
				return;
			}
			form.dataset.sent = "1";
		});
	});
	// A page restored from the back-forward cache must take presses again.
	window.addEventListener("pageshow", function () {
		forms.forEach(function (form) { delete form.dataset.sent; });
	});
	var picker = document.getElementById("picker");
	var chosen = document.getElementById("chosen");
	if (!picker || !chosen) {
		return;
	}
	picker.addEventListener("toggle", function (e) {
		if (!e.target.open) {
			return;
		}
		picker.querySelectorAll("details[open]").forEach(function (d) {
			if (d !== e.target) {
				d.open = false;
			}
		});
	}, true);
	picker.addEventListener("change", function (e) {
		var input = e.target;
		if (input.name !== "start") {
			return;
		}
		var day = input.closest("details").querySelector(".day").textContent;
		chosen.textContent = chosen.dataset.prefix + " " + day + ", " + input.parentNode.textContent.trim();
	});
})();
