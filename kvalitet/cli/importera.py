"""``kvalitet importera``: results from exported statistics into the units' files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kvalitet.cli.gemensamt import KONTEXT, PERIOD_FLAGGA, kvalitet, oppna_projekt
from kvalitet.grund.format import antal
from kvalitet.grund.problem import visningsnamn


class _MedWord(click.Command):
    """``importera FIL...`` as before, and ``importera word FIL.docx ...`` as its own command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args[:1] == ["word"]:
            ctx.meta["kvalitet_word"] = args[1:]
            return []
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        if "kvalitet_word" in ctx.meta:
            from kvalitet.cli.importera_word import word

            args = ctx.meta.pop("kvalitet_word")
            # the group's context as parent: usage reads 'kvalitet importera word', not 'FIL...'
            with word.make_context("importera word", args, parent=ctx.parent) as under:
                return word.invoke(under)
        return super().invoke(ctx)


@kvalitet.command(
    cls=_MedWord,
    context_settings=KONTEXT,
    options_metavar="[FLAGGOR]",
    short_help="Läs in resultat från Skolverket, Kolada eller egna enkäter i enheternas filer.",
)
@click.argument("filer", metavar="FIL...", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--karta",
    metavar="KARTA.yaml",
    type=click.Path(path_type=Path),
    default=None,
    help="Kartfilen som säger vilken kolumn eller KPI som hör till vilket styrtal "
    "(standard: rapporter/import.yaml).",
)
@click.option(
    "--skriv", is_flag=True, help="Skriv ändringarna i enhetsfilerna (annars visas de bara)."
)
@click.option(
    "--skriv-over",
    "skriv_over",
    is_flag=True,
    help="Skriv över värden som redan står i filerna och skiljer sig från källan.",
)
@click.option(
    "--projekt",
    "projekt",
    metavar="MAPP",
    type=click.Path(path_type=Path),
    default=Path("."),
    help="Projektmappen (standard: den aktuella mappen).",
)
@PERIOD_FLAGGA
def importera(
    filer: tuple[Path, ...],
    karta: Path | None,
    skriv: bool,
    skriv_over: bool,
    projekt: Path,
    period: str | None,
) -> None:
    """Läs in resultat ur exporterade filer i enheternas rapporter.

    FIL är filer som förvaltningen har laddat ner: Skolverkets statistik (CSV eller XLSX),
    ett svar från Skolverkets API eller Kolada sparat som JSON, eller kommunens egen
    enkätexport. Kartfilen säger vilken kolumn eller vilket nyckeltal som är utfall,
    flickor, pojkar och antal för vilket styrtal, och hur raderna hittar sin enhet
    (skolenhetskod, kolada_ou, id eller namn i enhetsfilen). Utan FIL läses alla källor
    i kartfilen.

    Utan --skriv visas vad som skulle ändras, enhet för enhet, och ingenting skrivs.
    Med --skriv skrivs filerna; kommentarer och ordning behålls, och källan skrivs in
    som 'källa:' under varje styrtal. Ett värde som redan står i en fil och skiljer sig
    från källan skrivs bara över med --skriv-over. Statistikens tecken (.., ~100, . och -)
    läses in som de står och blir aldrig 0. kvalitet hämtar aldrig något från nätet.

    'kvalitet importera word FIL.docx --enhet ID' läser in en Word-rapport i en enhets fil
    (se 'kvalitet importera word --hjälp').
    """
    from kvalitet.importera.karta import las_karta
    from kvalitet.importera.kor import importera as kor

    proj = oppna_projekt(projekt)
    kartfil = karta if karta is not None else proj.rapporter / "import.yaml"
    for fil in filer:
        if not fil.is_file():
            raise click.BadParameter(f"filen '{fil}' finns inte", param_hint="'FIL'")
    resultat = kor(proj, las_karta(kartfil), list(filer), period, skriv, skriv_over)
    for andring in resultat.andringar:
        if andring.diff:
            click.echo(andring.diff, nl=False)
        for rad in andring.behallna:
            click.echo(f"{visningsnamn(andring.fil)}: {rad}")
    andrade = [a for a in resultat.andringar if a.efter != a.fore and not a.hoppad]
    varden = sum(len(a.andrade) for a in andrade)
    click.echo(
        f"{antal(len(andrade), 'enhet', 'enheter')} för {resultat.period} "
        f"{'ändrades' if resultat.skrivet else 'skulle ändras'}: "
        f"{antal(varden, 'värde', 'värden')}."
        + ("" if resultat.skrivet or not andrade else " Kör med --skriv för att skriva dem.")
    )
    behallna = sum(len(a.behallna) for a in resultat.andringar)
    if behallna:
        click.echo(
            f"{antal(behallna, 'värde', 'värden')} i filerna skiljer sig från källan och behölls (--skriv-over skriver över)."
        )
    if resultat.utan_data:
        click.echo("Enheter utan data i källorna: " + ", ".join(sorted(resultat.utan_data)))
    if resultat.omatchade:
        click.echo("Rader som inte hittade någon enhet:")
        for rad in resultat.omatchade:
            click.echo(f"  {rad}")
    for rad in resultat.konflikter:
        click.echo(rad, err=True)
    if resultat.olasta:
        for problem in resultat.olasta:
            click.echo(problem.visa(proj.rot), err=True)
        filer_ = sorted({visningsnamn(p.fil) for p in resultat.olasta})
        click.echo(
            f"{antal(len(filer_), 'enhetsfil', 'enhetsfiler')} kunde inte läsas och hoppades "
            f"över: {', '.join(filer_)} (rätta felen ovan; kvalitet kontrollera visar dem)",
            err=True,
        )
    sys.exit(1 if resultat.konflikter or resultat.olasta else 0)
