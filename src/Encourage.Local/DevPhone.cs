namespace Encourage.Local;

/// <summary>
/// GET /dev/phone: a pretend phone for walking through the programme locally. It shows the outbox as a message
/// thread for one number, texts back through the real signed webhook (/dev/phone/send), moves the local clock a day
/// at a time, and lists the emails sent to an address. One page with inline CSS and script, so it works offline.
/// </summary>
internal static class DevPhone
{
    public const string Route = "/dev/phone";
    public const string DefaultNumber = "+12125550100";

    public static void MapDevPhone(this WebApplication app) =>
        app.MapGet(Route, (HttpContext context) =>
        {
            // The page only ever talks to this host; say so, so a stray message body can never load anything.
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'none'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; " +
                "frame-src 'self' about:; img-src 'self' data:; form-action 'self'; base-uri 'none'";
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Page, "text/html; charset=utf-8", System.Text.Encoding.UTF8);
        });

    public const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <meta name="color-scheme" content="light dark">
        <title>Dev phone – Encourage</title>
        <style>
        :root{color-scheme:light dark;--bg:#fbf7f2;--card:#fff;--text:#2b2420;--muted:#5c514a;--accent:#9a3f1f;--on-accent:#fff;--border:#7a6e66;--them:#ece5dd;--you:#1a5fb4;--on-you:#fff;--focus:#1a5fb4}
        @media (prefers-color-scheme:dark){:root{--bg:#1c1917;--card:#292524;--text:#f3ede7;--muted:#c9bfb6;--accent:#f0a47f;--on-accent:#1c1917;--border:#9a8f87;--them:#3a3330;--you:#8ab4f8;--on-you:#10213d;--focus:#8ab4f8}}
        *,*::before,*::after{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--text);font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.45}
        main{max-width:30rem;margin:0 auto;padding:1rem}
        h1{font-size:1.375rem;margin:0 0 .25rem}
        .muted{color:var(--muted);font-size:.9375rem;margin:0 0 .75rem}
        label{display:block;font-weight:600;margin:0 0 .25rem}
        input{display:block;width:100%;min-height:2.75rem;padding:.5rem .75rem;font:inherit;color:var(--text);background:var(--card);border:2px solid var(--border);border-radius:.5rem}
        button{min-height:2.75rem;padding:.5rem 1rem;font:inherit;font-weight:700;color:var(--on-accent);background:var(--accent);border:0;border-radius:.5rem;cursor:pointer}
        button.quiet{color:var(--accent);background:transparent;border:2px solid var(--accent)}
        button:disabled{opacity:.6;cursor:progress}
        a{color:var(--accent);text-underline-offset:.15em}
        :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        [role=tablist]{display:flex;gap:.5rem;margin:.75rem 0}
        [role=tab]{flex:1;color:var(--text);background:var(--card);border:2px solid var(--border)}
        [role=tab][aria-selected=true]{color:var(--on-accent);background:var(--accent);border-color:var(--accent)}
        .phone{background:var(--card);border:2px solid var(--border);border-radius:1.25rem;padding:.75rem;margin:.75rem 0}
        .row{display:flex;gap:.5rem;align-items:flex-end}
        .row>div{flex:1}
        #thread{list-style:none;margin:0;padding:.25rem 0;height:26rem;overflow-y:auto;display:flex;flex-direction:column;gap:.375rem}
        .msg{max-width:82%;padding:.5rem .75rem;border-radius:1rem;white-space:pre-wrap;overflow-wrap:anywhere}
        .msg.from-service{align-self:flex-start;background:var(--them);border-bottom-left-radius:.25rem}
        .msg.from-you{align-self:flex-end;background:var(--you);color:var(--on-you);border-bottom-right-radius:.25rem}
        .msg time{display:block;font-size:.75rem;opacity:.8;margin-top:.125rem}
        .day{align-self:center;font-size:.8125rem;color:var(--muted);margin:.5rem 0 .125rem}
        .empty{align-self:center;color:var(--muted);margin:auto}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0}
        .actions button{flex:1}
        #status{min-height:1.5rem;margin:.25rem 0;font-size:.9375rem}
        #emails{list-style:none;margin:.75rem 0 0;padding:0}
        #emails li{border-top:1px solid var(--border);padding:.75rem 0}
        #emails h2{font-size:1rem;margin:0}
        #emails iframe{display:block;width:100%;height:22rem;border:1px solid var(--border);border-radius:.5rem;background:#fff;margin-top:.5rem}
        #emails pre{white-space:pre-wrap;overflow-wrap:anywhere}
        </style>
        </head>
        <body>
        <main>
        <h1>Dev phone</h1>
        <p class="muted">A pretend phone for this local host. Texts go through the real webhook; nothing leaves this machine.</p>
        <p id="clock" aria-live="off">Clock: …</p>
        <div role="tablist" aria-label="Channel">
        <button type="button" role="tab" id="tab-texts" aria-controls="panel-texts" aria-selected="true">Texts</button>
        <button type="button" role="tab" id="tab-email" aria-controls="panel-email" aria-selected="false" tabindex="-1">Email</button>
        </div>

        <section id="panel-texts" role="tabpanel" aria-labelledby="tab-texts">
        <label for="number">Phone number</label>
        <input id="number" type="tel" autocomplete="off" value="+12125550100" aria-describedby="number-hint">
        <p class="muted" id="number-hint">The thread shows every text to and from this number. <a href="/api/signup" target="_blank" rel="noopener">Sign up a number</a></p>
        <div class="phone">
        <ol id="thread" aria-label="Messages" aria-live="polite"></ol>
        <form id="reply-form" class="row" autocomplete="off">
        <div><label for="reply-body">Reply</label><input id="reply-body" name="body" placeholder="Text message" maxlength="1600"></div>
        <button id="send" type="submit">Send</button>
        </form>
        </div>
        <div class="actions">
        <button type="button" id="later" class="quiet">3 hours later</button>
        <button type="button" id="next-day" class="quiet">Next day</button>
        <button type="button" id="dispatch" class="quiet">Run dispatch now</button>
        </div>
        <p id="status" role="status"></p>
        <p class="muted">Texts wait for daytime where the person lives: if "Next day" keeps landing at night, move a few hours on.</p>
        </section>

        <section id="panel-email" role="tabpanel" aria-labelledby="tab-email" hidden>
        <label for="email-address">Email address</label>
        <input id="email-address" type="email" autocomplete="off" placeholder="you@example.com">
        <ol id="emails" aria-label="Emails" aria-live="polite"></ol>
        </section>
        </main>
        <script>
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
            var items = (await response.json()).filter(function (m) { return m.channel === "email"; });
            var key = to + "|" + items.length;
            if (key === shownEmail) return;
            shownEmail = key;
            list.replaceChildren();
            if (items.length === 0) { list.appendChild(el("li", "muted", "No emails yet.")); return; }
            items.slice().reverse().forEach(function (m) {
              var li = el("li");
              li.appendChild(el("h2", "", m.subject || "(no subject)"));
              var at = new Date(m.createdUtc);
              li.appendChild(el("p", "muted", day(at) + ", " + time(at)));
              if (m.html) {
                // The one place message content is HTML: inside a sandbox with no scripts, forms or same-origin access.
                var frame = document.createElement("iframe");
                frame.setAttribute("sandbox", "");
                frame.title = "Email: " + (m.subject || "(no subject)");
                frame.srcdoc = m.html;
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
        </script>
        </body>
        </html>
        """;
}
