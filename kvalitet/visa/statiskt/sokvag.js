/* kvalitet: vägar i formulärets data (["resultat", "styrkor", 0]). Rena funktioner på vanlig data,
   inget DOM. satt() skarvar aldrig en lista: ett tömt fält blir "" eller null på sin plats. */

function arBehallare(v) {
  return v !== null && typeof v === "object";
}

export function hamta(data, sokvag) {
  let v = data;
  for (const n of sokvag) {
    if (!arBehallare(v)) return undefined;
    v = v[n];
  }
  return v;
}

function fyllLuckor(v, n) {
  /* aldrig hål i en lista: index bortom slutet fylls med null fram till n */
  if (Array.isArray(v) && typeof n === "number") for (let i = v.length; i < n; i++) v[i] = null;
}

/* Sätter värdet vid vägen och skapar listor ({} eller []) på vägen dit. Ett tomt värde ("" eller
   null) sätts som det är, på sin plats: en tömd punkt eller cell finns kvar, tom. */
export function satt(data, sokvag, varde) {
  if (!sokvag.length) throw new Error("satt: tom väg");
  if (varde === undefined) throw new Error("satt: inget värde (använd taBort för att ta bort)");
  let v = data;
  for (let i = 0; i < sokvag.length - 1; i++) {
    const n = sokvag[i];
    fyllLuckor(v, n);
    if (!arBehallare(v[n])) v[n] = typeof sokvag[i + 1] === "number" ? [] : {};
    v = v[n];
  }
  const sista = sokvag[sokvag.length - 1];
  fyllLuckor(v, sista);
  v[sista] = varde;
  return data;
}

/* Tar bort en nyckel, eller EN post ur en lista (de efter flyttas upp ett steg). */
export function taBort(data, sokvag) {
  const v = hamta(data, sokvag.slice(0, -1));
  const sista = sokvag[sokvag.length - 1];
  if (Array.isArray(v)) {
    if (typeof sista === "number" && sista >= 0 && sista < v.length) v.splice(sista, 1);
  } else if (arBehallare(v)) {
    delete v[sista];
  }
  return data;
}

/* Infogar en post i listan vid index sokvag.at(-1) (= listans längd: sist). */
export function infoga(data, sokvag, varde) {
  const forald = sokvag.slice(0, -1);
  let lista = hamta(data, forald);
  if (!Array.isArray(lista)) {
    lista = lista === undefined || lista === null || lista === "" ? [] : [lista];
    if (forald.length) satt(data, forald, lista);
    else throw new Error("infoga: roten är ingen lista");
  }
  const i = Math.max(0, Math.min(sokvag[sokvag.length - 1], lista.length));
  lista.splice(i, 0, varde);
  return data;
}

/* Flyttar en post steg (-1 upp, +1 ned). Ger postens nya väg (samma väg om den inte kan flyttas). */
export function flytta(data, sokvag, steg) {
  const forald = sokvag.slice(0, -1);
  const lista = hamta(data, forald);
  const i = sokvag[sokvag.length - 1];
  if (!Array.isArray(lista) || i < 0 || i >= lista.length) return sokvag.slice();
  const ny = i + steg;
  if (ny < 0 || ny >= lista.length) return sokvag.slice();
  const [post] = lista.splice(i, 1);
  lista.splice(ny, 0, post);
  return forald.concat([ny]);
}

export function utfor(data, op) {
  if (op.typ === "satt") return satt(data, op.sokvag, op.varde);
  if (op.typ === "taBort") return taBort(data, op.sokvag);
  if (op.typ === "infoga") return infoga(data, op.sokvag, op.varde);
  if (op.typ === "flytta") {
    flytta(data, op.sokvag, op.steg);
    return data;
  }
  throw new Error("utfor: okänd ändring " + op.typ);
}

export function kopia(x) {
  if (Array.isArray(x)) return x.map(kopia);
  if (arBehallare(x)) {
    const ut = {};
    for (const k of Object.keys(x)) ut[k] = kopia(x[k]);
    return ut;
  }
  return x;
}

export function lika(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (!arBehallare(a) || !arBehallare(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => lika(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && lika(a[k], b[k]));
}
