/* Enhetstester för sokvag.js: node --test kvalitet/visa/statiskt/test/ */
import test from "node:test";
import assert from "node:assert/strict";
import { hamta, satt, taBort, infoga, flytta, utfor, kopia, lika } from "../sokvag.js";

const data = () => ({
  resultat: { styrkor: ["a", "b", "c"] },
  tabell: {
    rader: [
      { rad: "Ma", flickor: 81.3, pojkar: 83.0, totalt: 86.2 },
      { rad: "Sv", värden: [81.3, 83.0, 86.2] },
    ],
  },
});

test("hamta: värde, djupt, saknas", () => {
  assert.equal(hamta(data(), ["resultat", "styrkor", 1]), "b");
  assert.equal(hamta(data(), ["tabell", "rader", 1, "värden", 2]), 86.2);
  assert.equal(hamta(data(), ["finns", "inte", 0]), undefined);
  assert.equal(hamta(data(), ["resultat", "styrkor", 0, "x"]), undefined);
  assert.deepEqual(hamta(data(), []), data());
});

for (const [namn, i] of [["först", 0], ["mitten", 1], ["sist", 2]]) {
  test(`satt "": en tömd punkt ${namn} stannar på sin plats, de andra orörda`, () => {
    const d = data();
    satt(d, ["resultat", "styrkor", i], "");
    const vant = ["a", "b", "c"];
    vant[i] = "";
    assert.deepEqual(d.resultat.styrkor, vant);
    satt(d, ["resultat", "styrkor", i], "ny");
    vant[i] = "ny";
    assert.deepEqual(d.resultat.styrkor, vant);
  });
  test(`taBort: tar bort bara post ${namn}`, () => {
    const d = data();
    taBort(d, ["resultat", "styrkor", i]);
    assert.deepEqual(d.resultat.styrkor, ["a", "b", "c"].filter((_, j) => j !== i));
  });
  test(`infoga: ${namn}`, () => {
    const d = data();
    infoga(d, ["resultat", "styrkor", i], "X");
    const vant = ["a", "b", "c"];
    vant.splice(i, 0, "X");
    assert.deepEqual(d.resultat.styrkor, vant);
  });
}

test("infoga sist (index = längd) och i en lista som inte finns än", () => {
  const d = data();
  infoga(d, ["resultat", "styrkor", 3], "d");
  assert.deepEqual(d.resultat.styrkor, ["a", "b", "c", "d"]);
  infoga(d, ["resultat", "utvecklingsomraden", 0], { rubrik: "" });
  assert.deepEqual(d.resultat.utvecklingsomraden, [{ rubrik: "" }]);
});

test("tömd cell mitt i raden: listformen behåller kolumnen, ordboksformen likaså", () => {
  const d = data();
  satt(d, ["tabell", "rader", 1, "värden", 1], null);
  assert.deepEqual(d.tabell.rader[1].värden, [81.3, null, 86.2]);
  satt(d, ["tabell", "rader", 0, "pojkar"], null);
  assert.deepEqual(d.tabell.rader[0], { rad: "Ma", flickor: 81.3, pojkar: null, totalt: 86.2 });
  taBort(d, ["tabell", "rader", 0, "pojkar"]);
  assert.deepEqual(d.tabell.rader[0], { rad: "Ma", flickor: 81.3, totalt: 86.2 });
  assert.deepEqual(d.tabell.rader[1].värden, [81.3, null, 86.2]);
});

test("satt skapar behållare på vägen och fyller luckor med null (inga hål)", () => {
  const d = {};
  satt(d, ["a", "b", 2, "c"], 1);
  assert.deepEqual(d, { a: { b: [null, null, { c: 1 }] } });
  assert.equal(Object.keys(d.a.b).length, 3);
});

test("satt vägrar undefined och tom väg (den skarvar aldrig)", () => {
  assert.throws(() => satt(data(), ["resultat", "styrkor", 0], undefined));
  assert.throws(() => satt(data(), [], 1));
});

test("glesa listor: hamta ger undefined i ett hål, taBort utanför gör inget", () => {
  const gles = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const d = { l: gles };
  assert.equal(hamta(d, ["l", 1]), undefined);
  taBort(d, ["l", 7]);
  assert.equal(d.l.length, 3);
  satt(d, ["l", 1], "");
  assert.deepEqual(d.l, [1, "", 3]);
});

test("flytta upp och ned, först, mitten, sist; kanten ger samma väg", () => {
  const d = data();
  assert.deepEqual(flytta(d, ["resultat", "styrkor", 0], -1), ["resultat", "styrkor", 0]);
  assert.deepEqual(d.resultat.styrkor, ["a", "b", "c"]);
  assert.deepEqual(flytta(d, ["resultat", "styrkor", 0], 1), ["resultat", "styrkor", 1]);
  assert.deepEqual(d.resultat.styrkor, ["b", "a", "c"]);
  assert.deepEqual(flytta(d, ["resultat", "styrkor", 1], 1), ["resultat", "styrkor", 2]);
  assert.deepEqual(d.resultat.styrkor, ["b", "c", "a"]);
  assert.deepEqual(flytta(d, ["resultat", "styrkor", 2], 1), ["resultat", "styrkor", 2]);
  assert.deepEqual(flytta(d, ["resultat", "styrkor", 2], -1), ["resultat", "styrkor", 1]);
  assert.deepEqual(d.resultat.styrkor, ["b", "a", "c"]);
});

test("flytta en tabellrad (nästlat) tar hela raden med sig", () => {
  const d = data();
  assert.deepEqual(flytta(d, ["tabell", "rader", 1], -1), ["tabell", "rader", 0]);
  assert.deepEqual(d.tabell.rader[0].värden, [81.3, 83.0, 86.2]);
  assert.equal(d.tabell.rader[1].rad, "Ma");
});

test("utfor: varje sorts ändring", () => {
  const d = data();
  utfor(d, { typ: "satt", sokvag: ["resultat", "styrkor", 0], varde: "" });
  utfor(d, { typ: "infoga", sokvag: ["resultat", "styrkor", 1], varde: "x" });
  utfor(d, { typ: "flytta", sokvag: ["resultat", "styrkor", 3], steg: -1 });
  utfor(d, { typ: "taBort", sokvag: ["resultat", "styrkor", 0] });
  assert.deepEqual(d.resultat.styrkor, ["x", "c", "b"]);
  assert.throws(() => utfor(d, { typ: "okänd", sokvag: [] }));
});

test("kopia är djup, lika jämför djupt", () => {
  const a = data();
  const b = kopia(a);
  assert.ok(lika(a, b));
  b.tabell.rader[1].värden[1] = null;
  assert.equal(a.tabell.rader[1].värden[1], 83.0);
  assert.ok(!lika(a, b));
  assert.ok(!lika([1], { 0: 1 }));
  assert.ok(!lika({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(lika(null, null));
  assert.ok(!lika(null, {}));
});
