/* kvalitet: verktygsradens Markdown, rena funktioner (testas med node). Förhandsvisningen görs
   av servern med samma Markdown som rapporten (rendera/markdown_granser.py), där en lista direkt
   under en rad text också är en lista; verktygsraden skriver ändå en tom rad före och efter
   listan, som läses lättast i filen. Words listtecken (–, —, •) byts mot "- ". */

/* Gör raderna som markeringen [a, b) berör till en punktlista ("- ") eller en numrerad lista
   ("1. ", "2. " …). Ger { text, a, b }: den nya texten och markeringen runt listan. */
export function gorLista(text, a, b, numrerad) {
  const start = text.lastIndexOf("\n", a - 1) + 1;
  let slut = text.indexOf("\n", Math.max(b, a) - (b > a && text[b - 1] === "\n" ? 1 : 0));
  if (slut < 0) slut = text.length;
  const rader = text.slice(start, slut).split("\n");
  const mark = /^(\s*)(?:[-*+–—•●▪◦]\s+|\d+[.)]\s+)?/;
  const lista = rader.map((r, i) => {
    const innehall = r.replace(mark, "");
    return (numrerad ? i + 1 + ". " : "- ") + (innehall || (numrerad ? "punkt" : "punkt"));
  }).join("\n");
  let fore = text.slice(0, start);
  let efter = text.slice(slut);
  if (fore.trim() !== "" && !/\n\s*\n$/.test(fore)) fore = fore.replace(/\n?$/, "\n\n");
  if (efter.trim() !== "" && !/^\n\s*\n/.test(efter)) efter = efter.replace(/^\n?/, "\n\n");
  return { text: fore + lista + efter, a: fore.length, b: fore.length + lista.length };
}

/* Omger markeringen med fore/efter ("**"); utan markering sätts mallen in ("fet text"). */
export function omge(text, a, b, fore, efter, mall) {
  const vald = text.slice(a, b) || mall;
  const ny = text.slice(0, a) + fore + vald + efter + text.slice(b);
  return { text: ny, a: a + fore.length, b: a + fore.length + vald.length };
}
