// The participant page: join, send ideas, ask and +1 questions, vote.
// Every text from the server or another phone is set with textContent, never as HTML.
// A draft idea lives in localStorage while typed; a sent idea waits in the outbox
// (localStorage) until the laptop answers, and is sent again with the same submission id
// after a dropped connection, so it is never stored twice.
"use strict";
(function () {
  var TEXTS = JSON.parse(document.getElementById("texts").textContent);
  var KEY = "labinov-room:" + location.host;
  var saved = load();
  // The phone's own id, kept when the token is lost: joining again is the same phone.
  if (!saved.device) { saved.device = uuid(); store(); }
  var lang = saved.lang || "id";
  var lobby = null;
  var wall = null;
  var ballot = {};
  var pane = "idea";
  var online = true;
  var photo = null;

  function $(id) { return document.getElementById(id); }
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; }
  }
  function store() {
    try { localStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) { /* full: kept in memory */ }
  }
  function t(key, params) {
    var s = TEXTS[lang][key];
    if (s === undefined) s = TEXTS.id[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, p) {
      return params && params[p] !== undefined ? String(params[p]) : m;
    });
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function show(el, on) { el.hidden = !on; }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // Refusals in the page's words.
  function explain(err) {
    if (!err) return t("reason.other");
    if (err.network) return t("net.offline");
    var r = err.reason;
    if (r && TEXTS.id["reason." + r.kind] !== undefined) {
      var p = Object.assign({}, r);
      p.label = err.field && TEXTS.id["field." + err.field] !== undefined ? t("field." + err.field) : "";
      return t("reason." + r.kind, p);
    }
    if (TEXTS.id["code." + err.code] !== undefined) return t("code." + err.code);
    return t("reason.other");
  }

  function status(text, ok) {
    var s = $("status");
    s.textContent = text || "";
    s.className = ok ? "status ok" : "status";
    show(s, !!text);
  }
  function setOnline(on) {
    if (on === online) return;
    online = on;
    status(on ? t("net.back") : t("net.offline"), on);
    if (on) setTimeout(function () { if (online) status(""); }, 2500);
  }

  function api(method, path, body) {
    var headers = { "X-Labinov-Room": "1" };
    if (saved.token) headers.Authorization = "Bearer " + saved.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, {
      method: method, headers: headers, credentials: "omit", cache: "no-store",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (res) {
      setOnline(true);
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (res.ok) return data;
        if (res.status === 401) leave();
        data.status = res.status;
        throw data;
      });
    }, function () {
      setOnline(false);
      throw { network: true };
    });
  }

  // Texts of the page in the chosen language.
  function render() {
    document.documentElement.lang = lang;
    $("lang").textContent = t("lang.switch");
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) {
      e.textContent = t(e.getAttribute("data-t"));
    });
    if (wall) drawWall();
  }

  // Joining.
  function leave() {
    saved.token = null;
    store();
    startJoin();
  }
  function startJoin() {
    show($("room"), false);
    show($("join"), true);
    var code = decodeURIComponent(location.hash.replace(/^#/, "")) || saved.code || "";
    $("code").value = code;
    show($("join-code-step"), true);
    show($("join-who-step"), false);
    if (code) getLobby();
  }
  function joinError(err) {
    var e = $("join-error");
    e.textContent = err ? explain(err) : "";
    show(e, !!err);
  }
  function getLobby() {
    joinError(null);
    api("POST", "/api/lobby", { code: $("code").value }).then(function (l) {
      lobby = l;
      saved.code = $("code").value;
      store();
      $("lab-name").textContent = l.labName;
      fillAgencies($("agency"), l.agencies, saved.agencyId);
      show($("name-row"), l.askName);
      show($("join-who-step"), true);
      $("agency").focus();
    }, joinError);
  }
  function fillAgencies(select, agencies, chosen) {
    select.textContent = "";
    agencies.forEach(function (a) {
      var o = el("option", a.shortName && a.shortName !== a.name ? a.shortName + " — " + a.name : a.name);
      o.value = a.id;
      if (a.id === chosen) o.selected = true;
      select.appendChild(o);
    });
  }
  function join() {
    joinError(null);
    api("POST", "/api/join", { code: $("code").value, agencyId: $("agency").value, name: $("name").value, deviceId: saved.device })
      .then(function (j) {
        saved.token = j.token;
        saved.agencyId = j.agencyId;
        store();
        enter();
      }, joinError);
  }

  // The room.
  function enter() {
    show($("join"), false);
    show($("room"), true);
    if (lobby) fillAgencies($("f-agency"), lobby.agencies, saved.agencyId);
    restoreDraft();
    refresh();
    flush();
  }
  function refresh() {
    if (!saved.token) return;
    api("GET", "/api/wall").then(function (w) { wall = w; drawWall(); }, function () {});
  }
  function selectPane(name) {
    pane = name;
    ["idea", "ask", "vote"].forEach(function (p) {
      $("tab-" + p).setAttribute("aria-selected", String(p === name));
      show($("pane-" + p), p === name);
    });
  }
  function drawWall() {
    var w = wall;
    $("lab-name").textContent = w.labName;
    $("who").textContent = t("who", { agency: w.name ? w.name + ", " + w.agencyName : w.agencyName });
    if (!$("f-agency").options.length) {
      fillAgencies($("f-agency"), [{ id: saved.agencyId, name: w.agencyName }], saved.agencyId);
    }
    // My ideas, and the ones still waiting in the outbox.
    var mine = $("my-ideas");
    mine.textContent = "";
    var shown = {};
    w.proposals.forEach(function (p) {
      shown[p.submissionId] = true;
      var li = el("li");
      li.appendChild(el("span", p.title));
      li.appendChild(el("span", t("state." + p.state), "tag " + p.state));
      mine.appendChild(li);
    });
    (saved.outbox || []).forEach(function (o) {
      if (shown[o.submissionId]) return;
      var li = el("li");
      li.appendChild(el("span", o.title));
      li.appendChild(el("span", t("idea.waiting"), "tag"));
      mine.appendChild(li);
    });
    if (!mine.children.length) mine.appendChild(el("li", t("idea.none")));
    // The pitch and its questions.
    $("pitch").textContent = w.pitch ? t("ask.pitch", { title: w.pitch.title, agency: w.pitch.agencyShortName }) : t("ask.noPitch");
    var qs = $("questions");
    qs.textContent = "";
    w.questions.forEach(function (q) {
      var li = el("li");
      li.appendChild(el("span", q.text));
      if (q.state === "approved") {
        var b = el("button", t("ask.plusOne") + " " + q.plusOnes);
        b.type = "button";
        b.setAttribute("aria-label", t("ask.plusOneLabel") + " (" + q.plusOnes + ")");
        b.setAttribute("aria-pressed", String(q.plusOned));
        b.disabled = q.plusOned;
        b.addEventListener("click", function () { plusOne(q.id); });
        li.appendChild(b);
      } else {
        li.appendChild(el("span", t("state." + q.state) + " " + t("ask.mine"), "tag"));
      }
      qs.appendChild(li);
    });
    if (!qs.children.length) qs.appendChild(el("li", t("ask.none")));
    drawVote();
  }
  function drawVote() {
    var v = wall.vote;
    var list = $("candidates");
    list.textContent = "";
    show($("send-vote"), !!(v && !v.voted));
    if (!v) { $("vote-info").textContent = t("vote.none"); return; }
    if (v.voted) { $("vote-info").textContent = t("vote.done"); return; }
    if (ballot.roundId !== v.roundId) ballot = { roundId: v.roundId, dots: {} };
    var used = 0;
    Object.keys(ballot.dots).forEach(function (k) { used += ballot.dots[k]; });
    $("vote-info").textContent = t("vote.info", { dots: v.dots }) + " " + t("vote.left", { left: v.dots - used });
    v.candidates.forEach(function (c) {
      var n = ballot.dots[c.ideaId] || 0;
      var li = el("li");
      li.appendChild(el("span", c.title + " (" + c.agencyShortName + ")"));
      var box = el("span", undefined, "dots");
      var minus = el("button", "−");
      minus.type = "button";
      minus.setAttribute("aria-label", t("vote.remove", { title: c.title }));
      minus.disabled = n === 0;
      minus.addEventListener("click", function () { setDots(c.ideaId, n - 1); });
      var plus = el("button", "+");
      plus.type = "button";
      plus.setAttribute("aria-label", t("vote.add", { title: c.title }));
      plus.disabled = used >= v.dots;
      plus.addEventListener("click", function () { setDots(c.ideaId, n + 1); });
      box.appendChild(minus);
      box.appendChild(el("output", String(n)));
      box.appendChild(plus);
      li.appendChild(box);
      list.appendChild(li);
    });
  }
  function setDots(id, n) {
    if (n <= 0) delete ballot.dots[id]; else ballot.dots[id] = n;
    drawVote();
  }
  function fieldError(id, err) {
    var e = $(id);
    e.textContent = err ? explain(err) : "";
    show(e, !!err);
  }
  function sendVote() {
    fieldError("vote-error", null);
    api("POST", "/api/ballot", { roundId: ballot.roundId, dots: ballot.dots })
      .then(refresh, function (err) { fieldError("vote-error", err); refresh(); });
  }
  function plusOne(id) {
    api("POST", "/api/questions/" + encodeURIComponent(id) + "/plus-one").then(refresh, function (err) {
      fieldError("ask-error", err);
    });
  }
  function sendQuestion() {
    fieldError("ask-error", null);
    var text = $("q-text").value;
    saved.question = saved.question && saved.question.text === text ? saved.question : { id: uuid(), text: text };
    store();
    api("POST", "/api/questions", { submissionId: saved.question.id, text: text }).then(function () {
      saved.question = null;
      store();
      $("q-text").value = "";
      status(t("ask.sent"), true);
      refresh();
    }, function (err) { fieldError("ask-error", err); });
  }

  // The idea form: a draft while typed, the outbox once sent.
  var FIELDS = ["title", "problem", "description"];
  function restoreDraft() {
    var d = saved.draft || {};
    FIELDS.forEach(function (f) { $("f-" + f).value = d[f] || ""; });
    if (d.agencyId) $("f-agency").value = d.agencyId;
  }
  function saveDraft() {
    var d = { agencyId: $("f-agency").value };
    FIELDS.forEach(function (f) { d[f] = $("f-" + f).value; });
    saved.draft = d;
    store();
  }
  function sendIdea() {
    fieldError("idea-error", null);
    saveDraft();
    var d = saved.draft;
    var item = { submissionId: saved.draftId || uuid(), agencyId: d.agencyId, title: d.title, problem: d.problem, description: d.description };
    if (photo) item.photo = photo;
    saved.draftId = item.submissionId;
    saved.outbox = (saved.outbox || []).filter(function (o) { return o.submissionId !== item.submissionId; });
    saved.outbox.push(item);
    store();
    $("send-idea").disabled = true;
    flush(true);
  }
  // Sends what waits in the outbox, oldest first, each with its own submission id.
  var flushing = false;
  function flush(fromForm) {
    var box = saved.outbox || [];
    if (flushing || !box.length || !saved.token) { $("send-idea").disabled = false; return; }
    flushing = true;
    var item = box[0];
    api("POST", "/api/proposals", item).then(function () {
      flushing = false;
      saved.outbox = (saved.outbox || []).filter(function (o) { return o.submissionId !== item.submissionId; });
      if (saved.draftId === item.submissionId) {
        saved.draft = null;
        saved.draftId = null;
        restoreDraft();
        clearPhoto();
      }
      store();
      status(t("idea.sent"), true);
      refresh();
      flush(false);
    }, function (err) {
      flushing = false;
      $("send-idea").disabled = false;
      if (err.network || err.status === 429 || err.status >= 500) {
        if (fromForm) status(t("idea.queued"));
        if (wall) drawWall();
        return;
      }
      // Refused: nothing was stored; the draft stays for correcting.
      saved.outbox = (saved.outbox || []).filter(function (o) { return o.submissionId !== item.submissionId; });
      store();
      if (saved.draftId === item.submissionId) fieldError("idea-error", err);
      else status(explain(err));
    });
  }

  // A photo, made smaller on the phone (a long side of 1600 px, JPEG).
  function clearPhoto() {
    photo = null;
    $("f-photo").value = "";
    show($("f-preview"), false);
    show($("f-photo-clear"), false);
  }
  function pickPhoto() {
    var file = $("f-photo").files[0];
    if (!file) return clearPhoto();
    var url = URL.createObjectURL(file);
    var img = new Image();
    img.onload = function () {
      var scale = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight));
      var c = document.createElement("canvas");
      c.width = Math.round(img.naturalWidth * scale);
      c.height = Math.round(img.naturalHeight * scale);
      c.getContext("2d").drawImage(img, 0, 0, c.width, c.height);
      var data = c.toDataURL("image/jpeg", 0.8);
      photo = { name: (file.name || "foto").replace(/\.[^.]*$/, "") + ".jpg", data: data.slice(data.indexOf(",") + 1) };
      $("f-preview").src = data;
      show($("f-preview"), true);
      show($("f-photo-clear"), true);
      URL.revokeObjectURL(url);
    };
    img.onerror = function () {
      URL.revokeObjectURL(url);
      clearPhoto();
      fieldError("idea-error", { reason: { kind: "notAPhoto" } });
    };
    img.src = url;
  }

  // Wiring.
  $("lang").addEventListener("click", function () {
    lang = lang === "id" ? "en" : "id";
    saved.lang = lang;
    store();
    render();
  });
  $("code-go").addEventListener("click", getLobby);
  $("code").addEventListener("keydown", function (e) { if (e.key === "Enter") getLobby(); });
  $("join-go").addEventListener("click", join);
  ["idea", "ask", "vote"].forEach(function (p) {
    $("tab-" + p).addEventListener("click", function () { selectPane(p); });
  });
  FIELDS.forEach(function (f) { $("f-" + f).addEventListener("input", saveDraft); });
  $("f-agency").addEventListener("change", saveDraft);
  $("f-photo").addEventListener("change", pickPhoto);
  $("f-photo-clear").addEventListener("click", clearPhoto);
  $("send-idea").addEventListener("click", sendIdea);
  $("send-q").addEventListener("click", sendQuestion);
  $("send-vote").addEventListener("click", sendVote);
  window.addEventListener("online", function () { flush(false); });

  render();
  selectPane(pane);
  if (saved.token) {
    enter();
    if (saved.code) {
      api("POST", "/api/lobby", { code: saved.code }).then(function (l) {
        lobby = l;
        fillAgencies($("f-agency"), l.agencies, (saved.draft && saved.draft.agencyId) || saved.agencyId);
      }, function () {});
    }
  } else {
    startJoin();
  }
  setInterval(function () { refresh(); flush(false); }, 5000);
})();
