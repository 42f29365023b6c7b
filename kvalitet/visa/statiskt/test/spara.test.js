/* spara.js, utkast.js och konflikt.js i node: en låtsasserver (fetch) och ett låtsaslager. */
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

import * as spara from "../spara.js";
import * as utkast from "../utkast.js";
import { tillampaVal, kombination, kombineratVarde, faltnamnUr, somText } from "../konflikt.js";

function lager() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k), m };
}

/** En server som svarar i den ordning testet bestämmer: varje anrop väntar på svara(). */
function server() {
  const anrop = [];
  const hamta = (url, alt) => new Promise((klar, fel) => {
    anrop.push({ url, alt, kropp: alt && alt.body ? JSON.parse(alt.body) : null,
      svara: (kod, data) => klar({ status: kod, json: () => Promise.resolve(data) }), fel });
  });
  return { anrop, hamta };
}

const vila = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const OPPNAD = { enhet: "e", version: "v1", data: { namn: "A", text: "x" }, problem: [], styrtal: [], status: "utkast" };

let s, l, ritat;
beforeEach(async () => {
  spara._nollstall();
  s = server();
  l = lager();
  ritat = [];
  await spara.starta({ basUrl: "/skriv/e", token: "t", enhet: "e", oppnad: structuredClone(OPPNAD),
    hamta: s.hamta, lagring: l, dokument: null, handelser: null,
    pa: { rita: (o) => ritat.push(o), forhandsvisning: () => {} } });
});

test("andra skriver utkastet direkt och sparar efter pausen med version och bas", async () => {
  spara.andra({ typ: "satt", sokvag: ["text"], varde: "ny" });
  const u = utkast.las("e", l);
  assert.equal(u.data.text, "ny");
  assert.equal(u.version, "v1");
  assert.deepEqual(u.bas, OPPNAD.data);
  assert.equal(s.anrop.length, 0);
  const p = spara.sparaNu();
  assert.equal(s.anrop.length, 1);
  assert.deepEqual(s.anrop[0].kropp, { data: { namn: "A", text: "ny" }, version: "v1", bas: OPPNAD.data });
  s.anrop[0].svara(200, { version: "v2", sparad: true, data: { namn: "A", text: "ny" }, sammanfogat: [] });
  assert.equal(await p, true);
  assert.equal(spara.tillstand.version, "v2");
  assert.equal(utkast.las("e", l), null, "utkastet tas bort när sparningen som har det besvarats");
});

test("en sparning åt gången; det som skrivs under tiden läggs ovanpå det sammanfogade svaret", async () => {
  spara.andra({ typ: "satt", sokvag: ["text"], varde: "min" });
  const p = spara.sparaNu();
  spara.andra({ typ: "satt", sokvag: ["namn"], varde: "B" });
  spara.sparaNu();
  assert.equal(s.anrop.length, 1, "ingen andra sparning medan den första pågår");
  s.anrop[0].svara(200, { version: "v3", data: { namn: "A", text: "min", annat: "deras" }, sammanfogat: [["annat"]] });
  await p;
  await vila();
  assert.deepEqual(spara.tillstand.data, { namn: "B", text: "min", annat: "deras" });
  assert.ok(ritat.includes("sammanfogat"));
  assert.ok(utkast.las("e", l), "utkastet finns kvar: ändringen efter är inte sparad");
  assert.equal(s.anrop.length, 2);
  assert.deepEqual(s.anrop[1].kropp, { data: { namn: "B", text: "min", annat: "deras" }, version: "v3",
    bas: { namn: "A", text: "min", annat: "deras" } });
  s.anrop[1].svara(200, { version: "v4", data: { namn: "B", text: "min", annat: "deras" }, sammanfogat: [] });
  await vila();
  assert.equal(utkast.las("e", l), null);
});

test("servern svarar inte: utkastet står kvar och sparningen försöks igen", async () => {
  spara.andra({ typ: "satt", sokvag: ["text"], varde: "ny" });
  const p = spara.sparaNu();
  s.anrop[0].svara(503, { fel: "upptagen" });
  assert.equal(await p, false);
  assert.ok(utkast.las("e", l));
  assert.equal(spara.osparat(), true);
  await vila(1100);
  assert.equal(s.anrop.length, 2, "ett nytt försök efter en sekund");
  s.anrop[1].svara(200, { version: "v2", data: { namn: "A", text: "ny" }, sammanfogat: [] });
  await vila();
  assert.equal(spara.osparat(), false);
});

test("ett 4xx-svar försöks inte igen blint; utkastet står kvar", async () => {
  spara.andra({ typ: "satt", sokvag: ["text"], varde: "\ud800" });
  const p = spara.sparaNu();
  s.anrop[0].svara(400, { fel: "Texten har ett tecken som inte går att spara." });
  assert.equal(await p, false);
  await vila(1200);
  assert.equal(s.anrop.length, 1);
  assert.ok(utkast.las("e", l));
});

test("ett utkast som skiljer sig från filen erbjuds inte utan dokument men finns kvar", async () => {
  utkast.skriv("e", { version: "v0", bas: { namn: "A" }, data: { namn: "A", text: "osparat" }, tid: 1 }, l);
  assert.equal(utkast.las("e", l).data.text, "osparat");
});

test("återställt utkast sparas med sin egen version och bas och svaret visas", async () => {
  const u = { version: "v0", bas: { namn: "A" }, data: { namn: "A", text: "osparat" }, tid: 1 };
  const p = spara.aterstall(u);
  await vila();
  assert.deepEqual(s.anrop[0].kropp, { data: u.data, version: "v0", bas: u.bas });
  s.anrop[0].svara(200, { version: "v5", data: { namn: "A", text: "osparat", annat: 1 }, sammanfogat: [["annat"]] });
  await p;
  assert.deepEqual(spara.tillstand.data, { namn: "A", text: "osparat", annat: 1 });
  assert.equal(spara.tillstand.version, "v5");
});

test("konflikt utan dokument: sparningen väntar och utkastet står kvar", async () => {
  spara.andra({ typ: "satt", sokvag: ["text"], varde: "min" });
  const p = spara.sparaNu();
  s.anrop[0].svara(200, { sparad: false, konflikt: { version: "v9", deras: { namn: "A", text: "deras" },
    sammanfogat: { namn: "A", text: "deras" }, falt: [{ sokvag: ["text"], bas: "x", min: "min", deras: "deras" }] } });
  await p.catch(() => {});
  assert.equal(spara.osparat(), true);
  assert.equal(utkast.las("e", l).data.text, "min");
});

test("angra skickar versionen den senaste sparningen fick", async () => {
  spara.andra({ typ: "satt", sokvag: ["text"], varde: "ny" });
  const p = spara.sparaNu();
  s.anrop[0].svara(200, { version: "v2", sparad: true, data: { namn: "A", text: "ny" }, sammanfogat: [] });
  await p;
  const q = spara.angra();
  await vila();
  assert.equal(s.anrop[1].url, "/skriv/e/angra");
  assert.deepEqual(s.anrop[1].kropp, { version: "v2" });
  s.anrop[1].svara(200, { version: "v1", data: { namn: "A", text: "x" }, angrad: true });
  await q;
  assert.deepEqual(spara.tillstand.data, { namn: "A", text: "x" });
});

test("konfliktens val: min, den andras, kombinerat", () => {
  const k = { sammanfogat: { a: "D1", b: "D2", c: ["p", "q"] }, falt: [
    { sokvag: ["a"], min: "M1", deras: "D1" }, { sokvag: ["b"], min: "M2", deras: "D2" },
    { sokvag: ["c"], min: ["p", "r"], deras: ["p", "q"] }] };
  const data = tillampaVal(k, [{ val: "min" }, { val: "deras" }, { val: "kombinera", text: kombination(k.falt[2]) }]);
  assert.deepEqual(data, { a: "M1", b: "D2", c: ["p", "r", "q"] });
  assert.equal(kombination({ min: "ett", deras: "två" }), "ett\n\ntvå");
  assert.equal(kombineratVarde({ min: 3, deras: 4 }, "5"), 5);
  assert.equal(somText(null), "");
  assert.deepEqual(k.sammanfogat.a, "D1", "sammanfogat ändras inte");
});

test("fältnamn ur formulärets träd", () => {
  const form = { rot: { sort: "objekt", falt: [{ nyckel: "resultat", etikett: "Resultat", nod: { sort: "ref", def: "R" } }] },
    defs: { R: { sort: "objekt", falt: [{ nyckel: "styrkor", etikett: "Styrkor", nod: { sort: "textlista" } }] } } };
  assert.equal(faltnamnUr(form, ["resultat", "styrkor", 1]), "Resultat › Styrkor › punkt 2");
});

test("angra utan egen sparning skickar ingenting", async () => {
  assert.equal(await spara.angra(), false);
  assert.equal(s.anrop.length, 0);
});
