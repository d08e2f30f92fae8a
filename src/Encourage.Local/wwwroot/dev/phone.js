// The dev phone: polls the local outbox and clock, texts back through /dev/phone/send. Local host only.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var shown = { key: "", count: 0 }, shownEmail = "";
  var serverOffsetMs = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    // Message text is never parsed as HTML.
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function number() {
    var raw = $("number").value.trim(), digits = raw.replace(/[\s().-]/g, "");
    if (/^\d{10}$/.test(digits)) return "+1" + digits;
    return digits;
  }
  function say(text) { $("status").textContent = text; }
  function day(d) { return d.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" }); }
  function time(d) { return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }); }

  async function refreshThread() {
    var to = number();
    var list = $("thread");
    if (!to) { list.replaceChildren(el("li", "empty", "Type a number to see its texts.")); shown = { key: "", count: 0 }; return; }
    var response = await fetch("/dev/outbox?to=" + encodeURIComponent(to), { cache: "no-store" });
    if (!response.ok) throw new Error("outbox " + response.status);
    var items = (await response.json()).filter(function (m) { return m.channel === "sms" || m.channel === "sms-reply" || m.channel === "sms-in"; });
    if (shown.key !== to || items.length < shown.count) { list.replaceChildren(); shown = { key: to, count: 0, lastDay: "" }; }
    if (items.length === 0) { list.replaceChildren(el("li", "empty", "No texts yet.")); shown.count = 0; return; }
    if (shown.count === 0) list.replaceChildren();
    for (var i = shown.count; i < items.length; i++) {
      var m = items[i], at = new Date(m.createdUtc), d = day(at);
      if (d !== shown.lastDay) { list.appendChild(el("li", "day", d)); shown.lastDay = d; }
      var mine = m.channel === "sms-in";
      var li = el("li", "msg " + (mine ? "from-you" : "from-service"));
      li.dataset.channel = m.channel;
      li.appendChild(el("span", "body", m.text));
      var t = el("time", "", time(at));
      t.dateTime = m.createdUtc;
      li.appendChild(t);
      list.appendChild(li);
    }
    if (items.length > shown.count) list.scrollTop = list.scrollHeight;
    shown.count = items.length;
  }

  async function refreshEmail() {
    if ($("panel-email").hidden) return;
    var to = $("email-address").value.trim().toLowerCase(), list = $("emails");
    if (!to) { list.replaceChildren(el("li", "muted", "Type an address to see its emails.")); shownEmail = ""; return; }
    var response = await fetch("/dev/outbox?to=" + encodeURIComponent(to), { cache: "no-store" });
    if (!response.ok) throw new Error("outbox " + response.status);
    var items = (await response.json()).filter(function (m) { return m.channel === "email" || m.channel === "email-in"; });
    var key = to + "|" + items.length;
    if (key === shownEmail) return;
    shownEmail = key;
    list.replaceChildren();
    if (items.length === 0) { list.appendChild(el("li", "muted", "No emails yet.")); return; }
    items.slice().reverse().forEach(function (m) {
      var li = el("li", m.channel === "email-in" ? "from-you" : "");
      li.dataset.channel = m.channel;
      li.appendChild(el("h2", "", (m.channel === "email-in" ? "You replied: " : "") + (m.subject || "(no subject)")));
      var at = new Date(m.createdUtc);
      li.appendChild(el("p", "muted", day(at) + ", " + time(at)));
      if (m.html) {
        // The one place message content is HTML: its own document, in a sandbox with no scripts, forms or
        // same-origin access (a srcdoc frame would inherit this page's CSP, which allows no inline styles).
        var frame = document.createElement("iframe");
        frame.setAttribute("sandbox", "");
        frame.title = "Email: " + (m.subject || "(no subject)");
        frame.src = "/dev/outbox/" + encodeURIComponent(m.id) + "/html";
        li.appendChild(frame);
      } else {
        li.appendChild(el("pre", "", m.text));
      }
      list.appendChild(li);
    });
  }

  async function refreshClock() {
    var response = await fetch("/dev/clock", { cache: "no-store" });
    if (!response.ok) throw new Error("clock " + response.status);
    var c = await response.json(), now = new Date(c.utc);
    serverOffsetMs = now.getTime() - Date.now();
    var ahead = Math.round(serverOffsetMs / 86400000);
    $("clock").textContent = "Clock: " + now.toLocaleString(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }) +
      (ahead > 0 ? " (" + ahead + (ahead === 1 ? " day" : " days") + " ahead)" : "");
  }

  var failing = false;
  async function poll() {
    try {
      await Promise.all([refreshThread(), refreshEmail(), refreshClock()]);
      if (failing) { say(""); failing = false; }
    } catch (e) {
      failing = true;
      say("Can't reach the local host. Is it still running?");
    }
    setTimeout(poll, 1000);
  }

  async function post(url, button) {
    button.disabled = true;
    try {
      var response = await fetch(url, { method: "POST" });
      if (!response.ok) throw new Error(String(response.status));
      return await response.json();
    } finally { button.disabled = false; }
  }

  function advance(hours) {
    return async function () {
      try {
        var r = await post("/dev/clock/advance?hours=" + hours, this);
        var at = new Date(r.utc);
        say("Moved to " + day(at) + ", " + time(at) + ". " + r.dispatched + (r.dispatched === 1 ? " message" : " messages") + " due.");
        await Promise.all([refreshThread(), refreshClock()]);
      } catch (e) { say("That didn't work: " + e.message); }
    };
  }
  $("next-day").addEventListener("click", advance(24));
  $("later").addEventListener("click", advance(3));
  $("dispatch").addEventListener("click", async function () {
    try {
      var r = await post("/dev/dispatch", this);
      say("Dispatch ran. " + r.dispatched + (r.dispatched === 1 ? " message" : " messages") + " due.");
      await refreshThread();
    } catch (e) { say("That didn't work: " + e.message); }
  });
  $("reply-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    var body = $("reply-body").value, button = $("send");
    if (!body.trim()) { say("Type a message first."); return; }
    button.disabled = true;
    try {
      var response = await fetch("/dev/phone/send", { method: "POST", body: new URLSearchParams({ from: number(), body: body }) });
      if (!response.ok) { say(response.status === 400 ? "Enter a phone number first." : "That didn't send (" + response.status + ")."); return; }
      $("reply-body").value = "";
      say("Sent.");
      await refreshThread();
    } catch (e) { say("That didn't send: " + e.message); }
    finally { button.disabled = false; $("reply-body").focus(); }
  });
  $("email-reply-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    var body = $("email-reply-body").value, to = $("email-address").value.trim(), button = $("email-send");
    var status = function (text) { $("email-status").textContent = text; };
    if (!to) { status("Type the email address first."); return; }
    if (!body.trim()) { status("Write a reply first."); return; }
    var latest = document.querySelector("#emails li:not(.from-you) h2");
    button.disabled = true;
    try {
      var response = await fetch("/dev/email/reply", { method: "POST", body: new URLSearchParams({ email: to, body: body, subject: latest ? latest.textContent : "" }) });
      if (!response.ok) { status(response.status === 400 ? await response.text() : "That didn't send (" + response.status + ")."); return; }
      var r = await response.json();
      $("email-reply-body").value = "";
      status(r.answered > 0 ? "Sent. The answer is below." : "Sent.");
      await refreshEmail();
    } catch (e) { status("That didn't send: " + e.message); }
    finally { button.disabled = false; }
  });
  $("number").addEventListener("input", function () { refreshThread().catch(function () {}); });
  $("email-address").addEventListener("input", function () { refreshEmail().catch(function () {}); });

  var tabs = [$("tab-texts"), $("tab-email")];
  function select(tab) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    });
    tab.focus();
    refreshEmail().catch(function () {});
  }
  tabs.forEach(function (t, i) {
    t.addEventListener("click", function () { select(t); });
    t.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") { e.preventDefault(); select(tabs[(i + 1) % tabs.length]); }
    });
  });

  poll();
})();
