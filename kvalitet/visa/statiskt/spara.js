/* kvalitet: formulärets tillstånd och sparningen (protokollet i docs/arkitektur.md).
   andra(op) är det enda sättet formuläret ändrar datan: ändringen görs, skrivs i utkastet och
   sparas 800 ms efter att du slutat skriva. En sparning åt gången; ändringar under en sparning
   läggs ovanpå svaret när servern tagit in någon annans ändringar. Servern svarar inte eller
   svarar 5xx: "Inte sparat – försöker igen" (allt längre mellan försöken). 4xx: felet överst,
   utkastet kvar, inget nytt försök förrän du ändrar något. */

import { utfor, kopia, lika, satt } from "./sokvag.js";
import * as utkast from "./utkast.js";
import { visaKonflikt, faltnamnUr } from "./konflikt.js";
import { laddaOm } from "./forhandsvisning.js";

export const PAUS = 800;
export const tillstand = {
  data: null, bas: null, version: null, status: "utkast", problem: [], styrtal: [], andrad: null,
  enhet: "", fil: "",
};

const m = {
  basUrl: "", token: "", pa: {}, hamta: null, dok: null, lagring: null, form: null, faltnamn: null,
  timer: null, iFlykt: null, sedan: [], smutsig: false, konflikt: null, fel: 0, omforsok: null,
  erbjudet: null, undanlagt: false, efterSvar: false, egen: null,
};

function klocka(tid) { return utkast.klockslag(tid === undefined ? Date.now() : tid); }
function anropa(namn, ...arg) { const f = m.pa && m.pa[namn]; return typeof f === "function" ? f(...arg) : undefined; }
function el(id) { return m.dok ? m.dok.getElementById(id) : null; }

/** Texten i #sparstatus (role=status). */
export function visaSparstatus(text) {
  const e = el("sparstatus");
  if (e) e.textContent = text;
}

/** Ett fel från servern överst på sidan, på svenska (null eller "" tar bort det). Står i
    #serverfel när sidan har en sådan ruta, annars i en egen (#sparfel) ovanför #sparstatus. */
export function visaServerfel(text) { visaFel(text || null); }

function visaFel(text) {
  if (!m.dok) return;
  const ruta = el("serverfel");
  if (ruta) {
    ruta.replaceChildren();
    if (text) {
      const p = m.dok.createElement("p");
      p.textContent = "Inte sparat: " + text + " Det du skrev finns kvar i webbläsaren; det sparas när du ändrar igen.";
      ruta.append(p);
    }
    ruta.hidden = !text;
    return;
  }
  let e = el("sparfel");
  if (!text) { if (e) e.remove(); return; }
  if (!e) {
    e = m.dok.createElement("p");
    e.id = "sparfel";
    e.className = "fel";
    e.setAttribute("role", "alert");
    const status = el("sparstatus");
    if (status && status.parentNode) status.parentNode.insertBefore(e, status);
    else m.dok.body.prepend(e);
  }
  e.textContent = text + " Det du skrev finns kvar i webbläsaren.";
}

export function faltnamn(sokvag) {
  if (m.faltnamn) return m.faltnamn(sokvag);
  return faltnamnUr(m.form, sokvag);
}

function skicka(vag, kropp, keepalive) {
  const alt = {
    method: "POST", credentials: "same-origin", body: JSON.stringify(kropp),
    headers: { "X-Kvalitet-Token": m.token, "Content-Type": "application/json" },
  };
  if (keepalive) alt.keepalive = true;
  return m.hamta(m.basUrl + vag, alt)
    .then((s) => s.json().catch(() => ({})).then((d) => ({ kod: s.status, data: d || {} })))
    .catch(() => ({ kod: 0, data: { fel: "Servern svarar inte." } }));
}

function skrivUtkast() {
  if (m.erbjudet && !m.undanlagt) { utkast.lagUndan(tillstand.enhet, m.erbjudet, m.lagring); m.undanlagt = true; }
  utkast.skriv(tillstand.enhet, { version: tillstand.version, bas: tillstand.bas, data: tillstand.data,
    tid: Date.now() }, m.lagring);
}

function taLage(svar) {
  if (svar.problem) tillstand.problem = svar.problem;
  if (svar.styrtal) tillstand.styrtal = svar.styrtal;
  if (svar.status) tillstand.status = svar.status;
  if (svar.andrad) tillstand.andrad = svar.andrad;
}

function schemalagg() {
  clearTimeout(m.timer);
  m.timer = null;
  if (m.konflikt) { visaSparstatus("Inte sparat – välj mellan texterna först."); return; }
  visaSparstatus("Sparar…");
  m.timer = setTimeout(() => { m.timer = null; sparaNu(); }, PAUS);
}

/** Den enda vägen formuläret ändrar datan. Returnerar det utfor returnerar (ny sökväg vid flytta). */
export function andra(op) {
  const ut = utfor(tillstand.data, op);
  if (m.iFlykt || m.konflikt) m.sedan.push(kopia(op));
  m.smutsig = true;
  skrivUtkast();
  if (!m.iFlykt) schemalagg();
  else visaSparstatus("Sparar…");
  return ut;
}

/** Har sidan ändringar som inte sparats? */
export function osparat() { return m.smutsig || !!m.timer || !!m.iFlykt || !!m.konflikt; }

/** Sparar nu (väntar in en sparning som pågår). Löses med true när allt är sparat. */
export function sparaNu(alt = {}) {
  clearTimeout(m.timer);
  m.timer = null;
  if (m.konflikt) return Promise.resolve(false);
  if (m.iFlykt) return m.iFlykt.then(() => (m.smutsig && !m.konflikt ? sparaNu(alt) : !m.smutsig && !m.konflikt));
  if (!m.smutsig) return Promise.resolve(true);
  return skickaSparning("/spara", { data: kopia(tillstand.data), version: tillstand.version,
    bas: tillstand.bas }, "spara", alt.keepalive);
}

function skickaSparning(vag, kropp, lage, keepalive) {
  clearTimeout(m.omforsok);
  m.omforsok = null;
  m.sedan = [];
  m.smutsig = false;
  visaSparstatus("Sparar…");
  const skickat = kropp.data === undefined ? null : kropp.data;
  const p = skicka(vag, kropp, keepalive).then((s) => {
    m.iFlykt = null;
    return taSvar(s, skickat, lage);
  });
  m.iFlykt = p;
  return p;
}

function misslyckat(s, lage) {
  m.smutsig = true;
  if (s.kod === 0 || s.kod >= 500) {
    m.fel += 1;
    const vanta = Math.min(30000, 1000 * 2 ** Math.min(m.fel - 1, 5));
    visaSparstatus("Inte sparat – försöker igen");
    clearTimeout(m.omforsok);
    m.omforsok = setTimeout(() => { m.omforsok = null; if (lage === "spara") sparaNu(); else sparaNu(); }, vanta);
    return false;
  }
  visaFel(s.data && s.data.fel ? s.data.fel : "Servern tog inte emot ändringen (kod " + s.kod + ").");
  visaSparstatus("Inte sparat");
  return false;
}

function andradeSokvagar(a, b, bas = [], ut = []) {
  if (lika(a, b)) return ut;
  const objekt = (x) => x !== null && typeof x === "object";
  if (!objekt(a) || !objekt(b) || Array.isArray(a) !== Array.isArray(b) || bas.length > 6) { ut.push(bas); return ut; }
  const nycklar = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of nycklar) {
    const steg = Array.isArray(a) ? Number(k) : k;
    andradeSokvagar(a[k], b[k], bas.concat([steg]), ut);
  }
  return ut;
}

function namnlista(sokvagar) {
  const namn = [...new Set(sokvagar.map((s) => faltnamn(s)))];
  return namn.length > 4 ? namn.slice(0, 4).join(", ") + " med flera" : namn.join(", ");
}

function taSvar(s, skickat, lage) {
  if (s.kod !== 200) return misslyckat(s, lage);
  const svar = s.data;
  if (svar.konflikt) return hanteraKonflikt(svar.konflikt);
  m.fel = 0;
  visaFel(null);
  if (svar.version) tillstand.version = svar.version;
  if (svar.version && (svar.sparad === true || lage === "angra")) m.egen = lage === "angra" ? null : svar.version;
  const filen = "data" in svar ? svar.data : skickat;
  if (filen !== null && filen !== undefined) tillstand.bas = kopia(filen);
  taLage(svar);
  const sammanfogat = Array.isArray(svar.sammanfogat) ? svar.sammanfogat : [];
  const tas = "data" in svar && (sammanfogat.length > 0 || lage === "aterstall" || lage === "angra" || lage === "historik" ||
    (lage === "status" && !m.smutsig));
  let meddelande = "Sparat " + klocka();
  if (tas) {
    const ny = kopia(svar.data);
    for (const op of m.sedan) utfor(ny, op);
    tillstand.data = ny;
    anropa("rita", lage === "spara" ? "sammanfogat" : lage);
    if (sammanfogat.length) meddelande += ". Ändringar från någon annan har tagits in i " + namnlista(sammanfogat) + ".";
  } else if (lage === "status") {
    satt(tillstand.data, ["status"], tillstand.status);
  }
  m.sedan = [];
  if (m.smutsig) { skrivUtkast(); schemalagg(); }
  else {
    utkast.taBort(tillstand.enhet, m.lagring);
    if (lage === "aterstall" && m.undanlagt) { utkast.taBortUndan(tillstand.enhet, m.lagring); m.undanlagt = false; }
  }
  anropa("problem");
  anropa("styrtal");
  visaRapportstatus();
  forhandsvisa();
  const fel = (tillstand.problem || []).filter((p) => p.grad === "fel").length;
  if (lage === "angra") meddelande = "Den senaste sparningen är ångrad (" + klocka() + ").";
  else if (lage === "historik") meddelande = "Texten är återställd ur historiken (" + klocka() + ").";
  else if (lage === "status") meddelande = "Status: " + tillstand.status + " (sparat " + klocka() + ").";
  if (!m.smutsig) visaSparstatus(meddelande + (fel ? " – med " + fel + " fel, markerade vid fälten." : ""));
  if (m.efterSvar) { m.efterSvar = false; kollaUtifran(); }
  return !m.smutsig;
}

function forhandsvisa() {
  if (m.pa && typeof m.pa.forhandsvisning === "function") m.pa.forhandsvisning();
  else laddaOm(m.basUrl, m.dok);
}

function konfliktknapp(visa) {
  let b = el("konflikt-igen");
  if (!visa) { if (b) b.remove(); return; }
  if (b || !m.dok) return;
  b = m.dok.createElement("button");
  b.type = "button";
  b.id = "konflikt-igen";
  b.textContent = "Välj mellan texterna";
  b.addEventListener("click", () => oppnaKonflikt());
  const status = el("sparstatus");
  if (status && status.parentNode) status.parentNode.insertBefore(b, status.nextSibling);
}

function hanteraKonflikt(k) {
  m.konflikt = k;
  m.smutsig = true;
  skrivUtkast();
  visaSparstatus("Inte sparat – någon annan har ändrat samma fält. Välj vad som ska gälla.");
  return oppnaKonflikt();
}

function oppnaKonflikt() {
  const k = m.konflikt;
  if (!k) return Promise.resolve(true);
  if (!m.dok) return Promise.resolve(false);
  konfliktknapp(false);
  return visaKonflikt(k, { faltnamn, dokument: m.dok }).then((svar) => {
    if (!svar) {
      konfliktknapp(true);
      visaSparstatus("Inte sparat – välj mellan texterna (ingenting har försvunnit).");
      return false;
    }
    const ny = svar.data;
    for (const op of m.sedan) utfor(ny, op);
    m.sedan = [];
    m.konflikt = null;
    tillstand.data = ny;
    tillstand.version = k.version;
    tillstand.bas = kopia(k.deras);
    m.smutsig = true;
    skrivUtkast();
    anropa("rita", "konflikt");
    return sparaNu();
  });
}

/* ---------------------------------------------------------------- status och ångra */

/** Visar rapportens status och knapparna som hör till den. */
export function visaRapportstatus() {
  const godkand = tillstand.status === "godkänd";
  const satt = (id, falt, v) => { const e = el(id); if (e) e[falt] = v; };
  satt("status", "textContent", tillstand.status);
  satt("klar", "hidden", godkand || tillstand.status === "klar");
  satt("godkann", "hidden", godkand);
  satt("oppna-igen", "hidden", !godkand);
  satt("godkand-info", "hidden", !godkand);
}

/** Sätter rapportens status (sparar först det som väntar). */
export function sattStatus(status) {
  return sparaNu().then((klart) => {
    if (!klart && (m.konflikt || m.smutsig)) return false;
    tillstand.status = status;
    return skickaSparning("/status", { status, version: tillstand.version, bas: tillstand.bas }, "status");
  });
}

/** Ångrar sidans senaste sparning (versionen som den sparningen fick; en sparning som inte
    skrev något ångras inte); går genom samma konfliktkontroll som en sparning. */
export function angra() {
  return sparaNu().then((klart) => {
    if (!klart && (m.konflikt || m.smutsig)) return false;
    if (!m.egen) {
      visaSparstatus("Det finns ingen sparning från den här sidan att ångra (" + klocka() + ").");
      return false;
    }
    return skickaSparning("/angra", { version: m.egen }, "angra");
  });
}

/** Återställer en del (sökväg) till dess text i en äldre version (commit) ur historiken: sparar
    först det som väntar; servern skriver delen genom den vanliga sparningen. Löses med svaret
    ({ ok, fel }). */
export function aterstallDel(sokvag, commit) {
  return sparaNu().then((klart) => {
    if (!klart && (m.konflikt || m.smutsig)) {
      return { ok: false, fel: "Det du skrivit är inte sparat än. Vänta tills det är sparat och försök igen." };
    }
    visaSparstatus("Återställer…");
    const p = skicka("/aterstall", { sokvag, commit }).then((s) => {
      m.iFlykt = null;
      if (s.kod !== 200) {  // nothing written: the form stays as it is, the reason in the dialog
        visaSparstatus("Inte återställt " + klocka() + ".");
        return { ok: false, fel: (s.data && s.data.fel) || "Servern svarade med kod " + s.kod + ". Försök igen." };
      }
      return { ok: taSvar(s, null, "historik") && !s.data.konflikt, fel: "" };
    });
    m.iFlykt = p;
    return p;
  });
}

/* ---------------------------------------------------------------- ändringar utanför formuläret */

function kollaUtifran() {
  if (m.iFlykt) { m.efterSvar = true; return Promise.resolve(); }
  return m.hamta(m.basUrl + "/data", { credentials: "same-origin" }).then((s) => s.json()).then((d) => {
    if (!d || d.fel || !d.version || d.version === tillstand.version) return;
    if (m.iFlykt) { m.efterSvar = true; return; }
    if (osparat()) {
      visaSparstatus("Filen ändrades utanför formuläret " + klocka() +
        ". Det du har skrivit tas ihop med den ändringen när det sparas.");
      return;
    }
    const andrade = andradeSokvagar(tillstand.data, d.data);
    tillstand.data = kopia(d.data);
    tillstand.bas = kopia(d.data);
    tillstand.version = d.version;
    taLage(d);
    anropa("rita", "utifran");
    anropa("problem");
    anropa("styrtal");
    visaRapportstatus();
    forhandsvisa();
    visaSparstatus("Filen ändrades utanför formuläret " + klocka() + ": " +
      (andrade.length ? namnlista(andrade) + (andrade.length === 1 ? " har" : " har") : "ingenting i formuläret har") +
      " uppdaterats.");
  }).catch(() => { /* nästa händelse eller sparning upptäcker ändringen */ });
}

function lyssna(handelser) {
  try {
    let forsta = true;
    new EventSource(handelser).addEventListener("version", () => {
      if (forsta) { forsta = false; return; }
      kollaUtifran();
    });
  } catch (e) { /* utan händelser upptäcks ändringen när du sparar */ }
  const tom = () => { if ((m.smutsig || m.timer) && !m.iFlykt && !m.konflikt) sparaNu({ keepalive: true }); };
  m.dok.addEventListener("visibilitychange", () => { if (m.dok.visibilityState === "hidden") tom(); });
  globalThis.addEventListener("pagehide", tom);
}

/* ---------------------------------------------------------------- start */

function erbjudUtkast(oppnad) {
  let u = utkast.las(tillstand.enhet, m.lagring);
  let undan = false;
  if (u && lika(u.data, oppnad.data)) { utkast.taBort(tillstand.enhet, m.lagring); u = null; }
  if (!u) {
    u = utkast.lasUndan(tillstand.enhet, m.lagring);
    if (u && lika(u.data, oppnad.data)) { utkast.taBortUndan(tillstand.enhet, m.lagring); u = null; }
    undan = !!u;
  }
  if (!u || !m.dok) return;
  m.erbjudet = u;
  m.undanlagt = undan;
  utkast.erbjud(u, {
    dokument: m.dok,
    ja: (valt) => aterstall(valt),
    nej: () => {
      if (m.undanlagt) utkast.taBortUndan(tillstand.enhet, m.lagring);
      else if (!m.smutsig) utkast.taBort(tillstand.enhet, m.lagring);
      m.erbjudet = null; m.undanlagt = false;
      visaSparstatus("Utkastet är slängt. Formuläret visar filen.");
    },
  });
  visaSparstatus("Det finns text från " + klocka(u.tid) + " som inte sparades. Välj om den ska återställas.");
}

/** Återställer ett utkast: det sparas med sin egen version och bas, så att servern tar ihop det
    med filen som den är nu. */
export function aterstall(u) {
  m.erbjudet = null;
  return sparaNu().then(() => {
    if (m.konflikt) return false;
    return skickaSparning("/spara", { data: kopia(u.data), version: u.version, bas: u.bas }, "aterstall");
  });
}

/** Läser enhetens data (eller tar `oppnad`), ritar formuläret, erbjuder ett utkast och lyssnar
    efter ändringar utanför formuläret. Löses med svaret från /data. */
export function starta({ basUrl, token, pa, enhet, oppnad, form, faltnamn: namn, hamta, dokument, lagring,
  handelser = "/__kvalitet/handelser" }) {
  m.basUrl = basUrl;
  const meta = !token && globalThis.document && globalThis.document.querySelector('meta[name="kvalitet-token"]');
  m.token = token || (meta ? meta.content : "");
  m.pa = pa || {};
  m.hamta = hamta || globalThis.fetch.bind(globalThis);
  m.dok = dokument || globalThis.document || null;
  m.lagring = lagring || null;
  m.form = form || null;
  if (!m.form && !namn && m.dok) {  // fältens namn i konfliktdialogen och meddelandena
    m.hamta("/skriv/formular.json", { credentials: "same-origin" }).then((s) => s.json())
      .then((f) => { m.form = f; }).catch(() => { /* namnen blir sökvägar */ });
  }
  m.faltnamn = namn || null;
  const las = oppnad ? Promise.resolve(oppnad)
    : m.hamta(basUrl + "/data", { credentials: "same-origin" }).then((s) => s.json());
  return las.then((d) => {
    if (d.fel) return d;
    tillstand.data = kopia(d.data);
    tillstand.bas = kopia(d.data);
    tillstand.version = d.version;
    tillstand.enhet = enhet || d.enhet;
    tillstand.fil = d.fil || "";
    taLage(d);
    anropa("rita", "start");
    anropa("problem");
    visaRapportstatus();
    visaSparstatus("Formuläret är öppet. Ändringar sparas av sig själva.");
    erbjudUtkast(d);
    if (m.dok && handelser) lyssna(handelser);
    return d;
  });
}

/** Kopplar knapparna i verktygsraden (om redigera.js inte gör det själv). */
export function kopplaKnappar() {
  const koppla = (id, gora) => { const b = el(id); if (b) b.addEventListener("click", gora); };
  koppla("klar", () => sattStatus("klar"));
  koppla("godkann", () => sattStatus("godkänd"));
  koppla("oppna-igen", () => sattStatus("klar"));
  koppla("angra", () => angra());
}

/** Bara för tester i node: nollställer modulens tillstånd. */
export function _nollstall() {
  clearTimeout(m.timer); clearTimeout(m.omforsok);
  Object.assign(m, { timer: null, iFlykt: null, sedan: [], smutsig: false, konflikt: null, fel: 0, omforsok: null,
    erbjudet: null, undanlagt: false, efterSvar: false, egen: null });
}
