/* kvalitet: formuläret i webbläsaren (kvalitet skriv). Ritar formuläret ur modellens schema
   (/skriv/formular.json), sparar en stund efter att du slutat skriva och visar felen vid fälten.
   Inget byggsteg och inga beroenden: filen serveras som den är (CSP: script-src 'self'). */
(function () {
  "use strict";
  var TOKEN = (document.querySelector('meta[name="kvalitet-token"]') || {}).content || "";
  var PAUS = 800;

  function el(tagg, attr) {
    var e = document.createElement(tagg);
    Object.keys(attr || {}).forEach(function (k) {
      var v = attr[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") e.textContent = v;
      else if (k === "on") Object.keys(v).forEach(function (h) { e.addEventListener(h, v[h]); });
      else e.setAttribute(k, v === true ? "" : v);
    });
    function lagg(x) {
      if (x === null || x === undefined || x === false) return;
      if (Array.isArray(x)) x.forEach(lagg);
      else e.appendChild(typeof x === "string" ? document.createTextNode(x) : x);
    }
    for (var i = 2; i < arguments.length; i++) lagg(arguments[i]);
    return e;
  }
  function knapp(text, gora, etikett) {
    return el("button", { type: "button", "aria-label": etikett || null, on: { click: gora } }, text);
  }
  function skicka(url, kropp, extra) {
    var huvud = Object.assign({ "X-Kvalitet-Token": TOKEN, "Content-Type": "application/json" }, extra || {});
    return fetch(url, { method: "POST", headers: huvud, credentials: "same-origin",
      body: extra ? kropp : JSON.stringify(kropp) })
      .then(function (s) { return s.json().then(function (d) { return { ok: s.ok, kod: s.status, data: d }; }); })
      .catch(function () { return { ok: false, kod: 0, data: { fel: "Servern svarar inte. Kör kvalitet visa fortfarande?" } }; });
  }

  /* ---------------------------------------------------------------- ny enhet */
  var nyForm = document.getElementById("ny-enhet");
  if (nyForm) {
    nyForm.addEventListener("submit", function (h) {
      h.preventDefault();
      var fel = document.getElementById("ny-fel");
      var namn = document.getElementById("ny-namn");
      skicka("/skriv/ny", { namn: namn.value, skolform: document.getElementById("ny-skolform").value })
        .then(function (s) {
          if (s.ok) { location.href = "/skriv/" + encodeURIComponent(s.data.enhet); return; }
          fel.textContent = s.data.fel; namn.setAttribute("aria-invalid", "true"); namn.focus();
        });
    });
    return;
  }
  var topp = document.querySelector(".topp");
  if (!topp) return;
  var ENHET = topp.getAttribute("data-enhet");
  var BAS = "/skriv/" + encodeURIComponent(ENHET);
  var FORM, DEFS, DATA, VERSION, PROBLEM = [], STYRTAL = [], STATUS = "utkast";
  var falt = {}, timer = null, sparar = false, igen = false, konflikt = false;
  var oppna = {};
  var formEl = document.getElementById("formular");
  var sparstatus = document.getElementById("sparstatus");
  var ram = document.getElementById("forhandsvisning");

  /* ---------------------------------------------------------------- data */
  function hamta(sokvag) {
    var v = DATA;
    for (var i = 0; i < sokvag.length; i++) { if (v === null || typeof v !== "object") return undefined; v = v[sokvag[i]]; }
    return v;
  }
  function satt(sokvag, varde) {
    var v = DATA;
    for (var i = 0; i < sokvag.length - 1; i++) {
      var n = sokvag[i];
      if (v[n] === null || typeof v[n] !== "object") v[n] = typeof sokvag[i + 1] === "number" ? [] : {};
      v = v[n];
    }
    var sista = sokvag[sokvag.length - 1];
    if (varde === undefined) { if (Array.isArray(v)) v.splice(sista, 1); else delete v[sista]; }
    else v[sista] = varde;
    andrat();
  }
  function ident(sokvag) {
    return "f-" + sokvag.map(function (s) { return encodeURIComponent(String(s)).replace(/[%.'()!*~]/g, "_"); }).join("-");
  }
  function cellvarde(text) {
    var t = text.trim();
    if (t === "") return undefined;
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
  }
  function visat(v) { return v === null || v === undefined ? "" : String(v); }
  function tomFor(nod) {
    if (nod.sort === "ref") return tomFor(DEFS[nod.def]);
    if (nod.sort === "objekt" || nod.sort === "bild" || nod.sort === "ordbok") return {};
    if (nod.sort === "rutnat") return { rader: [{ rad: "" }] };
    if (nod.sort === "lista" || nod.sort === "block" || nod.sort === "textlista") return [];
    if (nod.sort === "eller") return tomFor(nod.alternativ[0].nod);
    return "";
  }

  /* ---------------------------------------------------------------- fält */
  function faltram(sokvag, etikett, hjalp, kravs, kontroll, lagg) {
    var id = ident(sokvag);
    kontroll.id = id;
    var beskrivning = [];
    var hjalpEl = hjalp ? el("p", { class: "hjalp", id: "h-" + id, text: hjalp }) : null;
    if (hjalpEl) beskrivning.push("h-" + id);
    var felEl = el("p", { class: "falt-fel", id: "e-" + id });
    beskrivning.push("e-" + id);
    kontroll.setAttribute("aria-describedby", beskrivning.join(" "));
    if (kravs) kontroll.setAttribute("aria-required", "true");
    falt[JSON.stringify(sokvag)] = { kontroll: kontroll, fel: felEl };
    return el("div", { class: "falt" },
      el("label", { for: id }, etikett, kravs ? el("span", { class: "kravs" }, " (krävs)") : null),
      hjalpEl, lagg || kontroll, felEl);
  }
  function textfalt(nod, sokvag, etikett, hjalp, kravs) {
    var v = hamta(sokvag);
    if (nod.markdown) return markdownfalt(sokvag, etikett, hjalp, kravs);
    var inp = el("input", { type: "text", value: visat(v), autocomplete: "off" });
    inp.addEventListener("input", function () { satt(sokvag, inp.value === "" ? undefined : inp.value); });
    return faltram(sokvag, etikett, hjalp, kravs, inp);
  }
  function markdownfalt(sokvag, etikett, hjalp, kravs) {
    var yta = el("textarea", { rows: 5 });
    yta.value = visat(hamta(sokvag));
    yta.addEventListener("input", function () { satt(sokvag, yta.value === "" ? undefined : yta.value); });
    var visning = el("div", { class: "md-visning", hidden: true, "aria-live": "polite" });
    function omge(fore, efter, mall) {
      var a = yta.selectionStart, b = yta.selectionEnd, vald = yta.value.slice(a, b) || mall;
      yta.setRangeText(fore + vald + efter, a, b, "end");
      yta.focus(); yta.dispatchEvent(new Event("input"));
    }
    function lista() {
      var a = yta.value.lastIndexOf("\n", yta.selectionStart - 1) + 1, b = yta.selectionEnd;
      var rader = yta.value.slice(a, b).split("\n").map(function (r) { return r.startsWith("- ") ? r : "- " + r; });
      yta.setRangeText(rader.join("\n"), a, b, "end");
      yta.focus(); yta.dispatchEvent(new Event("input"));
    }
    var forh = knapp("Förhandsgranska", function () {
      if (!visning.hidden) { visning.hidden = true; forh.setAttribute("aria-pressed", "false"); return; }
      skicka("/skriv/markdown", { text: yta.value }).then(function (s) {
        visning.innerHTML = s.ok ? s.data.html || "<p>(tom text)</p>" : "";
        visning.hidden = false; forh.setAttribute("aria-pressed", "true");
      });
    });
    forh.setAttribute("aria-pressed", "false");
    var verktyg = el("div", { role: "toolbar", "aria-label": "Formatering: " + etikett, class: "md-verktyg" },
      knapp("Fetstil", function () { omge("**", "**", "fet text"); }),
      knapp("Punktlista", lista),
      knapp("Länk", function () { omge("[", "](https://)", "länktext"); }),
      forh);
    return faltram(sokvag, etikett, hjalp, kravs, yta, el("div", { class: "md" }, verktyg, yta, visning));
  }
  function cellfalt(sokvag, etikett, hjalp, kravs) {
    var inp = el("input", { type: "text", value: visat(hamta(sokvag)), inputmode: "decimal", autocomplete: "off" });
    inp.addEventListener("input", function () { satt(sokvag, cellvarde(inp.value)); });
    return faltram(sokvag, etikett, hjalp, kravs, inp);
  }
  function heltalsfalt(nod, sokvag, etikett, hjalp, kravs) {
    var inp = el("input", { type: "number", min: nod.min === null ? null : nod.min, step: 1, value: visat(hamta(sokvag)) });
    inp.addEventListener("input", function () {
      satt(sokvag, inp.value === "" ? undefined : (/^-?\d+$/.test(inp.value) ? Number(inp.value) : inp.value));
    });
    return faltram(sokvag, etikett, hjalp, kravs, inp);
  }
  function valfalt(alternativ, sokvag, etikett, hjalp, kravs, tolka) {
    var v = hamta(sokvag);
    var sel = el("select", {});
    if (!kravs || v === undefined || v === null) sel.appendChild(el("option", { value: "" }, kravs ? "(välj)" : "(inget valt)"));
    alternativ.forEach(function (a) {
      sel.appendChild(el("option", { value: String(a[0]), selected: visat(v) === String(a[0]) }, a[1]));
    });
    sel.addEventListener("change", function () { satt(sokvag, sel.value === "" ? undefined : tolka(sel.value)); });
    return faltram(sokvag, etikett, hjalp, kravs, sel);
  }
  function datumfalt(sokvag, etikett, hjalp, kravs) {
    var inp = el("input", { type: "date", value: visat(hamta(sokvag)) });
    inp.addEventListener("change", function () { satt(sokvag, inp.value || undefined); });
    return faltram(sokvag, etikett, hjalp, kravs, inp);
  }

  /* ---------------------------------------------------------------- grupper och listor */
  function grupp(sokvag, rubrik, hjalp, innehall, fallbar) {
    var id = ident(sokvag);
    falt[JSON.stringify(sokvag)] = falt[JSON.stringify(sokvag)] || { kontroll: null, fel: el("p", { class: "falt-fel", id: "e-" + id }) };
    var fel = falt[JSON.stringify(sokvag)].fel;
    if (fallbar) {
      var d = el("details", { class: "sektion", id: "d-" + id, open: !!oppna[id] },
        el("summary", {}, rubrik), hjalp ? el("p", { class: "hjalp" }, hjalp) : null, fel, innehall);
      d.addEventListener("toggle", function () { oppna[id] = d.open; });
      falt[JSON.stringify(sokvag)].kontroll = d;
      return d;
    }
    var f = el("fieldset", { class: "grupp", id: "g-" + id }, el("legend", {}, rubrik),
      hjalp ? el("p", { class: "hjalp" }, hjalp) : null, fel, innehall);
    falt[JSON.stringify(sokvag)].kontroll = f;
    return f;
  }
  function flyttknappar(sokvag, lista, i, namn) {
    function flytta(steg) {
      var ny = i + steg; if (ny < 0 || ny >= lista.length) return;
      var x = lista.splice(i, 1)[0]; lista.splice(ny, 0, x); andrat(); rita("k-" + ident(sokvag.concat([ny])) + (steg < 0 ? "-upp" : "-ned"));
    }
    var upp = knapp("↑", function () { flytta(-1); }, "Flytta upp " + namn);
    var ned = knapp("↓", function () { flytta(1); }, "Flytta ned " + namn);
    var bort = knapp("Ta bort", function () { lista.splice(i, 1); andrat(); rita("l-" + ident(sokvag)); }, "Ta bort " + namn);
    upp.id = "k-" + ident(sokvag.concat([i])) + "-upp"; ned.id = "k-" + ident(sokvag.concat([i])) + "-ned";
    return el("div", { class: "postverktyg" }, upp, ned, bort);
  }
  function listfalt(nod, sokvag, etikett, hjalp, textlista) {
    var v = hamta(sokvag);
    var poster = Array.isArray(v) ? v : (v === undefined || v === null || v === "" ? [] : [v]);
    var ul = el("ol", { class: "lista" });
    var postnamn = textlista ? "punkt" : (nod.post.sort === "ref" ? nod.post.def.toLowerCase() : "värde");
    if (textlista && poster.length === 1 && !Array.isArray(v)) {
      ul.appendChild(el("li", {}, nod.markdown ? markdownfalt(sokvag, "Punkt 1", "", false) : textfalt({}, sokvag, "Punkt 1", "", false)));
      poster = [];
    }
    poster.forEach(function (_, i) {
      var p = sokvag.concat([i]);
      var namn = postnamn + " " + (i + 1) + " i " + etikett.toLowerCase();
      var inne = textlista ? (nod.markdown ? markdownfalt(p, "Punkt " + (i + 1), "", false) : textfalt({}, p, "Punkt " + (i + 1), "", false))
        : ritaNod(nod.post, p, etikett + " " + (i + 1), "", false);
      ul.appendChild(el("li", {}, inne, flyttknappar(sokvag, hamta(sokvag), i, namn)));
    });
    var lagg = knapp("Lägg till " + postnamn, function () {
      var lista = hamta(sokvag);
      if (!Array.isArray(lista)) { lista = lista === undefined || lista === null || lista === "" ? [] : [lista]; }
      lista.push(textlista ? "" : tomFor(nod.post)); satt(sokvag, lista);
      rita(ident(sokvag.concat([lista.length - 1])));
    }, "Lägg till " + postnamn + " i " + etikett.toLowerCase());
    lagg.id = "l-" + ident(sokvag);
    return grupp(sokvag, etikett, hjalp, [ul, lagg]);
  }
  function blockfalt(nod, sokvag, etikett, hjalp) {
    var v = hamta(sokvag);
    var poster = Array.isArray(v) ? v : [];
    var ol = el("ol", { class: "lista block" });
    poster.forEach(function (b, i) {
      var sort = nod.sorter.find(function (s) { return b && typeof b === "object" && s.nyckel in b; }) || nod.sorter[0];
      var p = sokvag.concat([i]);
      var rubrik = "Block " + (i + 1) + ": " + sort.etikett;
      var inne;
      if (sort.hel) inne = ritaObjekt(DEFS[sort.def], p, rubrik, "");
      else {
        var f = DEFS[sort.def].falt[0];
        inne = grupp(p, rubrik, "", ritaNod(f.nod, p.concat([f.nyckel]), sort.etikett, f.hjalp, true));
      }
      ol.appendChild(el("li", {}, inne, flyttknappar(sokvag, poster, i, "block " + (i + 1) + " (" + sort.etikett.toLowerCase() + ")")));
    });
    var knappar = nod.sorter.map(function (s) {
      var k = knapp(s.etikett, function () {
        var lista = Array.isArray(hamta(sokvag)) ? hamta(sokvag) : [];
        var ny = {};
        if (s.hel) ny.rubrik = "";
        else ny[s.nyckel] = tomFor(DEFS[s.def].falt[0].nod);
        lista.push(ny); satt(sokvag, lista); rita(null, sokvag.concat([lista.length - 1]));
      }, "Lägg till block: " + s.etikett.toLowerCase() + " i " + etikett.toLowerCase());
      return k;
    });
    var lagg = el("div", { class: "laggtill", role: "group", "aria-label": "Lägg till block i " + etikett.toLowerCase() },
      el("span", { "aria-hidden": "true" }, "Lägg till: "), knappar);
    return grupp(sokvag, etikett, hjalp, [ol, lagg]);
  }
  function ordbokfalt(nod, sokvag, etikett, hjalp) {
    var v = hamta(sokvag) || {};
    var rader = Object.keys(typeof v === "object" ? v : {}).map(function (k) {
      return el("div", { class: "ordpost" }, ritaNod(nod.varde, sokvag.concat([k]), k, "", false),
        knapp("Ta bort", function () { satt(sokvag.concat([k]), undefined); rita("n-" + ident(sokvag)); }, "Ta bort " + k));
    });
    var ny = el("input", { type: "text", id: "n-" + ident(sokvag), autocomplete: "off" });
    var lagg = knapp("Lägg till", function () {
      var k = ny.value.trim(); if (!k) { ny.focus(); return; }
      satt(sokvag.concat([k]), tomFor(nod.varde) === "" ? "" : tomFor(nod.varde)); rita(ident(sokvag.concat([k])));
    }, "Lägg till i " + etikett.toLowerCase());
    return grupp(sokvag, etikett, hjalp, [rader, el("div", { class: "ordny" },
      el("label", { for: "n-" + ident(sokvag) }, "Ny nyckel i " + etikett.toLowerCase()), ny, lagg)]);
  }
  function ellerfalt(nod, sokvag, etikett, hjalp, kravs) {
    var v = hamta(sokvag);
    function passar(a) {
      var s = a.nod.sort === "ref" ? DEFS[a.nod.def].sort : a.nod.sort;
      if (Array.isArray(v)) return s === "lista" || s === "textlista";
      if (v !== null && typeof v === "object") return s === "objekt" || s === "bild" || s === "rutnat";
      return s === "text" || s === "textlista" || s === "cell";
    }
    var vald = v === undefined || v === null ? 0 : Math.max(0, nod.alternativ.findIndex(passar));
    var id = "v-" + ident(sokvag);
    var sel = el("select", { id: id }, nod.alternativ.map(function (a, i) {
      return el("option", { value: String(i), selected: i === vald }, a.namn);
    }));
    sel.addEventListener("change", function () {
      satt(sokvag, v === undefined ? undefined : tomFor(nod.alternativ[Number(sel.value)].nod));
      vald = Number(sel.value); valt[id] = vald; rita(id);
    });
    if (valt[id] !== undefined && (v === undefined || v === null)) { vald = valt[id]; sel.value = String(vald); }
    return grupp(sokvag, etikett, hjalp, [el("div", { class: "falt" }, el("label", { for: id }, "Form"), sel),
      ritaNod(nod.alternativ[vald].nod, sokvag, etikett, "", kravs)]);
  }
  var valt = {};

  /* ---------------------------------------------------------------- tabell, bild, styrtal */
  function rutnat(def, sokvag, rubrik) {
    var t = hamta(sokvag) || {};
    var kon = !t.kolumner;
    var rader = Array.isArray(t.rader) ? t.rader : [];
    var kol = Array.isArray(t.kolumner) ? t.kolumner : (t.kolumner ? [t.kolumner] : []);
    var id = ident(sokvag);
    function cell(p, namn) {
      var cid = ident(p);
      var inp = el("input", { type: "text", id: cid, value: visat(hamta(p)), inputmode: "decimal", autocomplete: "off", "aria-describedby": "e-" + cid });
      inp.addEventListener("input", function () { satt(p, cellvarde(inp.value)); });
      falt[JSON.stringify(p)] = { kontroll: inp, fel: el("p", { class: "falt-fel", id: "e-" + cid }) };
      return el("td", {}, el("label", { class: "dold", for: cid }, namn), inp, falt[JSON.stringify(p)].fel);
    }
    var huvud = [el("th", { scope: "col" }, "Rad")];
    if (kon) ["Flickor", "Pojkar", "Totalt", "Antal flickor", "Antal pojkar", "Antal totalt"].forEach(function (h) { huvud.push(el("th", { scope: "col" }, h)); });
    else kol.forEach(function (k, j) {
      var kid = ident(sokvag.concat(["kolumner", j]));
      var inp = el("input", { type: "text", id: kid, value: visat(k), autocomplete: "off" });
      inp.addEventListener("input", function () { satt(sokvag.concat(["kolumner", j]), inp.value); });
      huvud.push(el("th", { scope: "col" }, el("label", { class: "dold", for: kid }, "Kolumn " + (j + 1) + ", rubrik"), inp));
    });
    huvud.push(el("th", { scope: "col" }, "Ändra"));
    var kropp = rader.map(function (r, i) {
      var p = sokvag.concat(["rader", i]);
      var namn = "Rad " + (i + 1);
      var celler = [cell(p.concat(["rad"]), namn + ": rubrik")];
      if (kon) {
        ["flickor", "pojkar", "totalt"].forEach(function (g) { celler.push(cell(p.concat([g]), namn + ": " + g)); });
        ["flickor", "pojkar", "totalt"].forEach(function (g) { celler.push(cell(p.concat(["antal", g]), namn + ": antal " + g)); });
      } else kol.forEach(function (k, j) { celler.push(cell(p.concat(["värden", j]), namn + ": " + (k || "kolumn " + (j + 1)))); });
      celler.push(el("td", {}, flyttknappar(sokvag.concat(["rader"]), rader, i, "rad " + (i + 1))));
      return el("tr", {}, celler);
    });
    var form = el("select", { id: "form-" + id },
      el("option", { value: "kon", selected: kon }, "Flickor, pojkar och totalt"),
      el("option", { value: "kol", selected: !kon }, "Egna kolumner"));
    form.addEventListener("change", function () {
      if (form.value === "kol") satt(sokvag.concat(["kolumner"]), kol.length ? kol : ["Kolumn 1"]);
      else satt(sokvag.concat(["kolumner"]), undefined);
      rita("form-" + id);
    });
    var verktyg = el("div", { class: "postverktyg" },
      knapp("Lägg till rad", function () {
        var ny = { rad: "" }; var lista = rader.slice(); lista.push(ny); satt(sokvag.concat(["rader"]), lista);
        rita(ident(sokvag.concat(["rader", lista.length - 1, "rad"])));
      }),
      kon ? null : knapp("Lägg till kolumn", function () { satt(sokvag.concat(["kolumner"]), kol.concat(["Kolumn " + (kol.length + 1)])); rita(ident(sokvag.concat(["kolumner", kol.length]))); }),
      kon || !kol.length ? null : knapp("Ta bort sista kolumnen", function () {
        rader.forEach(function (r) { if (Array.isArray(r.värden)) r.värden.splice(kol.length - 1, 1); });
        satt(sokvag.concat(["kolumner"]), kol.slice(0, -1)); rita("form-" + id);
      }));
    falt[JSON.stringify(sokvag.concat(["rader"]))] = { kontroll: null, fel: el("p", { class: "falt-fel", id: "e-r-" + id }) };
    var ovriga = def.falt.filter(function (f) { return f.nyckel !== "rader" && f.nyckel !== "kolumner"; })
      .map(function (f) { return ritaNod(f.nod, sokvag.concat([f.nyckel]), f.etikett, f.hjalp, f.kravs); });
    return grupp(sokvag, rubrik, def.beskrivning, [
      el("div", { class: "falt" }, el("label", { for: "form-" + id }, "Tabellens form"), form),
      el("div", { class: "rutnat" }, el("table", {}, el("caption", {}, "Rader i " + rubrik.toLowerCase()),
        el("thead", {}, el("tr", {}, huvud)), el("tbody", {}, kropp))),
      falt[JSON.stringify(sokvag.concat(["rader"]))].fel, verktyg, ovriga]);
  }
  function bildfalt(def, sokvag, rubrik) {
    var b = hamta(sokvag) || {};
    var id = ident(sokvag.concat(["fil"]));
    var val = el("input", { type: "file", id: id, accept: ".png,.jpg,.jpeg,.gif,.webp,.svg", "aria-describedby": "e-" + id });
    var fel = el("p", { class: "falt-fel", id: "e-" + id, "aria-live": "polite" });
    falt[JSON.stringify(sokvag.concat(["fil"]))] = { kontroll: val, fel: fel };
    var ladda = knapp("Ladda upp bilden", function () {
      var alt = hamta(sokvag.concat(["alt"]));
      if (!alt || !String(alt).trim()) {
        fel.textContent = "Skriv alternativtexten först: vad bilden visar, för den som inte ser den.";
        var altfalt = document.getElementById(ident(sokvag.concat(["alt"]))); if (altfalt) altfalt.focus();
        return;
      }
      if (!val.files.length) { fel.textContent = "Välj en bildfil först."; val.focus(); return; }
      var fil = val.files[0];
      fel.textContent = "Laddar upp …";
      skicka(BAS + "/bild", fil, { "Content-Type": "application/octet-stream", "X-Filnamn": encodeURIComponent(fil.name) })
        .then(function (s) {
          if (!s.ok) { fel.textContent = s.data.fel; return; }
          satt(sokvag.concat(["fil"]), s.data.fil); rita(id);
          var nytt = falt[JSON.stringify(sokvag.concat(["fil"]))]; if (nytt) nytt.fel.textContent = "Bilden är uppladdad som " + s.data.fil + ".";
        });
    });
    var ovriga = def.falt.filter(function (f) { return f.nyckel !== "fil"; })
      .map(function (f) { return ritaNod(f.nod, sokvag.concat([f.nyckel]), f.etikett, f.hjalp, f.kravs); });
    return grupp(sokvag, rubrik, def.beskrivning, [ovriga,
      el("p", { class: "bildfil" }, "Bildfil: ", el("code", {}, b.fil ? String(b.fil) : "ingen ännu")),
      el("div", { class: "falt" }, el("label", { for: id }, "Välj en bildfil (PNG, JPEG, GIF, WebP eller SVG, högst 10 MB)"), val, ladda, fel)]);
  }
  function styrtalsfalt(nod, sokvag, etikett, hjalp) {
    var v = hamta(sokvag) || {};
    var kanda = STYRTAL.map(function (s) { return s.id; });
    var delar = STYRTAL.map(function (s) {
      var p = sokvag.concat([s.id]);
      var beskr = "Mål " + s.mal + ". Målvärde: " + (s.malvarde || "inget") + " (" + s.matt + ", " + (s.riktning === "lägre" ? "lägre är bättre" : "högre är bättre") + ").";
      var status = el("p", { class: "styrtalsstatus", id: "s-" + ident(p), "aria-live": "polite" },
        "Status: ", el("strong", {}, s.symbol + " " + s.status));
      return grupp(p, s.id + " " + s.text, beskr, [status, ritaObjektFalt(DEFS[nod.varde.def], p)], false);
    });
    Object.keys(v).filter(function (k) { return kanda.indexOf(k) < 0; }).forEach(function (k) {
      delar.push(grupp(sokvag.concat([k]), k + " (finns inte hos huvudmannen för skolformen)", "",
        ritaObjektFalt(DEFS[nod.varde.def], sokvag.concat([k]))));
    });
    if (!STYRTAL.length) delar.push(el("p", {}, "Huvudmannen har inga styrtal för skolformen (eller huvudmannafilen har fel)."));
    return grupp(sokvag, etikett, hjalp, delar);
  }

  /* ---------------------------------------------------------------- ritning */
  function ritaObjektFalt(def, sokvag) {
    return def.falt.filter(function (f) { return !(sokvag.length === 0 && f.nyckel === "status"); })
      .map(function (f) { return ritaNod(f.nod, sokvag.concat([f.nyckel]), f.etikett, f.hjalp, f.kravs, sokvag.length === 0); });
  }
  function ritaObjekt(def, sokvag, rubrik, hjalp, fallbar) {
    if (def.sort === "rutnat") return rutnat(def, sokvag, rubrik);
    if (def.sort === "bild") return bildfalt(def, sokvag, rubrik);
    return grupp(sokvag, rubrik, hjalp || def.beskrivning, ritaObjektFalt(def, sokvag), fallbar);
  }
  function ritaNod(nod, sokvag, etikett, hjalp, kravs, toppniva) {
    var s = nod.sort;
    var ut;
    if (s === "ref") ut = ritaObjekt(DEFS[nod.def], sokvag, etikett, hjalp, toppniva);
    else if (s === "text") ut = textfalt(nod, sokvag, etikett, hjalp, kravs);
    else if (s === "cell") ut = cellfalt(sokvag, etikett, hjalp, kravs);
    else if (s === "heltal") ut = heltalsfalt(nod, sokvag, etikett, hjalp, kravs);
    else if (s === "datum") ut = datumfalt(sokvag, etikett, hjalp, kravs);
    else if (s === "val") ut = valfalt(nod.alternativ.map(function (a) { return [a, a]; }), sokvag, etikett, hjalp, kravs, String);
    else if (s === "sant") ut = valfalt([["true", "ja"], ["false", "nej"]], sokvag, etikett, hjalp, false, function (x) { return x === "true"; });
    else if (s === "textlista") ut = listfalt(nod, sokvag, etikett, hjalp, true);
    else if (s === "lista") ut = listfalt(nod, sokvag, etikett, hjalp, false);
    else if (s === "block") ut = blockfalt(nod, sokvag, etikett, hjalp);
    else if (s === "ordbok") ut = ordbokfalt(nod, sokvag, etikett, hjalp);
    else if (s === "eller") ut = ellerfalt(nod, sokvag, etikett, hjalp, kravs);
    else if (s === "styrtal") ut = styrtalsfalt(nod, sokvag, etikett, hjalp);
    else ut = textfalt({}, sokvag, etikett, hjalp, kravs);
    if (toppniva && ut.tagName === "FIELDSET") {
      var id = ident(sokvag);
      var d = el("details", { class: "sektion", id: "d-" + id, open: !!oppna[id] }, el("summary", {}, etikett));
      d.addEventListener("toggle", function () { oppna[id] = d.open; });
      d.appendChild(ut);
      return d;
    }
    return ut;
  }
  function rita(fokus, oppnaSokvag) {
    var aktiv = fokus || (document.activeElement && document.activeElement.id);
    if (oppnaSokvag) for (var i = 1; i <= oppnaSokvag.length; i++) oppna[ident(oppnaSokvag.slice(0, i))] = true;
    falt = {};
    var fs = el("fieldset", { class: "hela", disabled: STATUS === "godkänd" },
      el("legend", { class: "dold" }, "Rapportens fält"), ritaObjektFalt(FORM.rot, []));
    formEl.replaceChildren(fs);
    visaProblem();
    var mal = aktiv && document.getElementById(aktiv);
    if (!mal && oppnaSokvag) mal = formEl.querySelector("#g-" + CSS.escape(ident(oppnaSokvag)) + " input, #g-" + CSS.escape(ident(oppnaSokvag)) + " textarea");
    if (mal) {
      var d = mal.closest("details");
      while (d) { d.open = true; oppna[d.id.slice(2)] = true; d = d.parentElement.closest("details"); }
      mal.focus();
    }
  }

  /* ---------------------------------------------------------------- fel, status */
  function visaProblem() {
    Object.keys(falt).forEach(function (k) {
      var f = falt[k]; if (f.fel) f.fel.textContent = ""; if (f.kontroll && f.kontroll.removeAttribute) f.kontroll.removeAttribute("aria-invalid");
    });
    var summa = document.getElementById("felsammanfattning");
    var lista = el("ul", {});
    var antal = 0;
    PROBLEM.forEach(function (p) {
      var s = p.sokvag.slice(), f = null;
      while (true) { f = falt[JSON.stringify(s)]; if (f || !s.length) break; s.pop(); }
      var text = (p.grad === "fel" ? "Fel: " : "Varning: ") + p.text;
      if (p.grad === "fel") antal++;
      if (f && f.fel) {
        f.fel.textContent = (f.fel.textContent ? f.fel.textContent + " " : "") + text;
        if (f.kontroll && p.grad === "fel") f.kontroll.setAttribute("aria-invalid", "true");
      }
      var mal = f && f.kontroll && f.kontroll.id;
      lista.appendChild(el("li", { class: p.grad }, mal ? el("a", { href: "#" + mal, on: { click: function (h) {
        h.preventDefault(); var m = document.getElementById(mal); var d = m.closest("details");
        while (d) { d.open = true; d = d.parentElement.closest("details"); } m.focus();
      } } }, text) : text, " (rad " + p.rad + ")"));
    });
    summa.replaceChildren();
    if (PROBLEM.length) summa.appendChild(el("div", { class: antal ? "fel" : "varningar" },
      el("p", {}, antal ? "Filen är sparad men har " + antal + (antal === 1 ? " fel" : " fel") + " som kvalitet kontrollera också visar:" : "Varningar från kvalitet kontrollera:"), lista));
  }
  function visaStatus() {
    var godkand = STATUS === "godkänd";
    document.getElementById("status").textContent = STATUS;
    document.getElementById("klar").hidden = godkand || STATUS === "klar";
    document.getElementById("godkann").hidden = godkand;
    document.getElementById("oppna-igen").hidden = !godkand;
    document.getElementById("godkand-info").hidden = !godkand;
  }
  function laddaOmForhandsvisning() {
    var y = 0;
    try { y = ram.contentWindow.scrollY; } catch (e) { y = 0; }
    ram.addEventListener("load", function upp() { ram.removeEventListener("load", upp); try { ram.contentWindow.scrollTo(0, y); } catch (e) { /* tom */ } });
    ram.src = BAS + "/forhandsvisning?v=" + Date.now();
  }
  function ta(svar) {
    VERSION = svar.version;
    if (svar.problem) PROBLEM = svar.problem;
    if (svar.styrtal) STYRTAL = svar.styrtal;
    if (svar.status) STATUS = svar.status;
  }
  function uppdateraStyrtal() {
    STYRTAL.forEach(function (s) {
      var e = document.getElementById("s-" + ident(["styrtal", s.id]));
      if (e) e.replaceChildren("Status: ", el("strong", {}, s.symbol + " " + s.status));
    });
  }
  function klocka() { return new Date().toLocaleTimeString("sv-SE"); }

  /* ---------------------------------------------------------------- spara */
  function andrat() {
    if (konflikt) return;
    clearTimeout(timer);
    sparstatus.textContent = "Ändrat – sparas strax …";
    timer = setTimeout(spara, PAUS);
  }
  function spara() {
    clearTimeout(timer); timer = null;
    if (konflikt) return Promise.resolve();
    if (sparar) { igen = true; return Promise.resolve(); }
    sparar = true;
    return skicka(BAS + "/spara", { data: DATA, version: VERSION }).then(function (s) {
      sparar = false;
      if (!s.ok) { sparstatus.textContent = "Inte sparat: " + s.data.fel; return; }
      if (s.data.konflikt) { visaKonflikt(s.data.konflikt); return; }
      ta(s.data);
      var fel = PROBLEM.filter(function (p) { return p.grad === "fel"; }).length;
      sparstatus.textContent = "Sparat " + klocka() + (fel ? " – med " + fel + " fel, markerade vid fälten." : ".");
      visaProblem(); uppdateraStyrtal(); laddaOmForhandsvisning();
      if (igen) { igen = false; spara(); }
    });
  }
  function visaKonflikt(k) {
    konflikt = true;
    var ruta = document.getElementById("konflikt");
    ruta.replaceChildren(
      el("h2", {}, "Filen har ändrats utanför formuläret"),
      el("p", {}, "Någon har sparat filen (t.ex. i VS Code) sedan du öppnade den. Ingenting är överskrivet. Din version finns kvar i ", el("code", {}, k.din_kopia), ". Välj vilken version som ska gälla:"),
      el("details", {}, el("summary", {}, "Visa skillnaden (− din version, + den andra)"), el("pre", {}, k.diff)),
      knapp("Behåll min version", function () {
        konflikt = false; VERSION = k.version; ruta.hidden = true; spara();
      }),
      knapp("Ta den andra versionen", function () {
        konflikt = false; ruta.hidden = true; oppnaIgen("Formuläret visar nu den andra versionen. Din finns kvar i " + k.din_kopia + ".");
      }));
    ruta.hidden = false; ruta.focus();
    sparstatus.textContent = "Inte sparat: filen har ändrats utanför formuläret.";
  }
  function oppnaIgen(meddelande) {
    return fetch(BAS + "/data").then(function (s) { return s.json(); }).then(function (d) {
      if (d.fel) { sparstatus.textContent = d.fel; return; }
      DATA = d.data; ta(d); visaStatus(); rita(); laddaOmForhandsvisning();
      if (meddelande) sparstatus.textContent = meddelande;
    });
  }
  function satStatus(status) {
    var fore = timer ? spara() : Promise.resolve();
    return fore.then(function () {
      return skicka(BAS + "/status", { status: status, version: VERSION });
    }).then(function (s) {
      if (!s.ok) { sparstatus.textContent = "Inte sparat: " + s.data.fel; return; }
      if (s.data.konflikt) { visaKonflikt(s.data.konflikt); return; }
      DATA.status = status; ta(s.data); visaStatus(); rita();
      sparstatus.textContent = "Status: " + status + " (sparat " + klocka() + ").";
      laddaOmForhandsvisning();
    });
  }
  document.getElementById("klar").addEventListener("click", function () { satStatus("klar"); });
  document.getElementById("godkann").addEventListener("click", function () { satStatus("godkänd"); });
  document.getElementById("oppna-igen").addEventListener("click", function () { satStatus("klar"); });
  document.getElementById("angra").addEventListener("click", function () {
    clearTimeout(timer); timer = null;
    skicka(BAS + "/angra", {}).then(function (s) {
      if (!s.ok) { sparstatus.textContent = s.data.fel; return; }
      DATA = s.data.data; ta(s.data); visaStatus(); rita(); laddaOmForhandsvisning();
      sparstatus.textContent = "Den senaste sparningen är ångrad (" + klocka() + ").";
    });
  });

  /* en fil som sparas utanför formuläret: visa den nya versionen om inget väntar på att sparas */
  try {
    var forsta = null;
    new EventSource("/__kvalitet/handelser").addEventListener("version", function (h) {
      if (forsta === null) { forsta = h.data; return; }
      if (sparar || timer || konflikt) return;
      fetch(BAS + "/data").then(function (s) { return s.json(); }).then(function (d) {
        if (!d.version || d.version === VERSION || sparar || timer || konflikt) return;
        DATA = d.data; ta(d); visaStatus(); rita(); laddaOmForhandsvisning();
        sparstatus.textContent = "Filen ändrades utanför formuläret (" + klocka() + "); formuläret visar den nya versionen.";
      });
    });
  } catch (e) { /* utan händelser: konflikten upptäcks när du sparar */ }

  Promise.all([fetch("/skriv/formular.json").then(function (s) { return s.json(); }),
    fetch(BAS + "/data").then(function (s) { return s.json(); })]).then(function (svar) {
    FORM = svar[0]; DEFS = FORM.defs;
    if (svar[1].fel) { formEl.replaceChildren(el("p", { class: "fel", role: "alert" }, svar[1].fel)); return; }
    DATA = svar[1].data; ta(svar[1]); visaStatus(); rita();
    sparstatus.textContent = "Formuläret är öppet. Ändringar sparas av sig själva.";
  });
})();
