import test from "node:test";
import assert from "node:assert/strict";
import { gorLista, omge } from "../markdown.js";

test("punktlista efter ett stycke får en tom rad före", () => {
  const t = "Vi har arbetat med:\nläsning\nskrivning";
  const r = gorLista(t, t.indexOf("läsning"), t.length, false);
  assert.equal(r.text, "Vi har arbetat med:\n\n- läsning\n- skrivning");
});

test("numrerad lista mitt i texten: tom rad före och efter", () => {
  const t = "Inledning.\nett\ntvå\nAvslutning.";
  const r = gorLista(t, t.indexOf("ett"), t.indexOf("två") + 3, true);
  assert.equal(r.text, "Inledning.\n\n1. ett\n2. två\n\nAvslutning.");
  assert.equal(r.text.slice(r.a, r.b), "1. ett\n2. två");
});

test("redan en lista: märket byts, inte dubblat; tom rad finns redan", () => {
  const t = "Text.\n\n- ett\n- två";
  const r = gorLista(t, t.indexOf("- ett"), t.length, true);
  assert.equal(r.text, "Text.\n\n1. ett\n2. två");
});

test("Words listtecken blir '- '", () => {
  const t = "Mål:\n– läsning\n• skrivning";
  const r = gorLista(t, t.indexOf("–"), t.length, false);
  assert.equal(r.text, "Mål:\n\n- läsning\n- skrivning");
});

test("tom text eller tom rad: en punkt att skriva i", () => {
  assert.equal(gorLista("", 0, 0, false).text, "- punkt");
  assert.equal(gorLista("Ett stycke.", 11, 11, false).text, "- Ett stycke.");
});

test("omge sätter in mallen utan markering", () => {
  assert.deepEqual(omge("ab", 1, 1, "**", "**", "fet text"), { text: "a**fet text**b", a: 3, b: 11 });
});
