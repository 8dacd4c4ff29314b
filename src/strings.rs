//! The text quire generates itself ("Chapter 3", "Contents", "by ...", the colophon, the EPUB's
//! landmarks), one table per language, chosen by the book's `language` and overridable key by
//! key in book.toml's `[strings]`.
//!
//! A string may hold one placeholder in braces (`{n}`, `{authors}`...), which [`Strings::fill`]
//! replaces. A language without a table is set with the English one (the primary subtag
//! decides: `fr-CA` takes the French table).

use std::collections::BTreeMap;

use toml::Spanned;

use crate::config::TomlSource;
use crate::diagnostic::Diagnostics;

/// Every generated string, by its key in `[strings]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    values: BTreeMap<&'static str, String>,
}

/// The keys of `[strings]`, in the order of each table below.
pub const KEYS: [&str; 30] = [
    "chapter",
    "appendix",
    "contents",
    "by",
    "published-by",
    "date",
    "identifier",
    "colophon",
    "cover-of",
    "cover",
    "title-page",
    "table-of-contents",
    "start-of-content",
    "appendix-landmark",
    "back-matter",
    "landmarks",
    "see",
    "back-to-text",
    "print-pages",
    "page",
    "and",
    "figure",
    "a11y-text",
    "a11y-page-list",
    "a11y-footnotes",
    "a11y-tables",
    "a11y-no-images",
    "a11y-all-alt",
    "a11y-some-alt",
    "a11y-conforms",
];

/// One language's strings, in the order of [`KEYS`].
type Table = [&'static str; 30];

const EN: Table = [
    "Chapter {n}",
    "Appendix {n}",
    "Contents",
    "by {authors}",
    "Published by {publisher}",
    "Date: {date}",
    "Identifier: {identifier}",
    "Typeset with quire in {typefaces}.",
    "Cover of {title}",
    "Cover",
    "Title Page",
    "Table of Contents",
    "Start of Content",
    "Appendix",
    "Back Matter",
    "Landmarks",
    "see {reference}",
    "Back to the text",
    "Print pages",
    "p.\u{a0}{page}",
    "and",
    "Figure {n}",
    "Reflowable text whose font, size and colours the reading system can change, with a table of contents, landmarks and headings in order.",
    "Page markers and a page list give the printed edition's page numbers.",
    "Footnotes are marked up as notes and link back to the text.",
    "Tables have header cells.",
    "It has no images besides the cover, which has a text description.",
    "Every image has a text alternative.",
    "Some images have no text alternative.",
    "It meets WCAG 2.1 level AA (EPUB Accessibility 1.1).",
];

/// French, with the no-break space before the colon that the text's punctuation gets too (see
/// `markdown::punctuation`).
const FR: Table = [
    "Chapitre {n}",
    "Annexe {n}",
    "Table des matières",
    "par {authors}",
    "Publié par {publisher}",
    "Date\u{a0}: {date}",
    "Identifiant\u{a0}: {identifier}",
    "Composé avec quire en {typefaces}.",
    "Couverture de {title}",
    "Couverture",
    "Page de titre",
    "Table des matières",
    "Début du texte",
    "Annexe",
    "Pages de fin",
    "Repères",
    "voir {reference}",
    "Retour au texte",
    "Pages imprimées",
    "p.\u{a0}{page}",
    "et",
    "Figure {n}",
    "Texte recomposable dont le système de lecture peut changer la police, la taille et les couleurs, avec une table des matières, des repères et des titres dans l’ordre.",
    "Des marqueurs et une liste des pages donnent les numéros de page de l’édition imprimée.",
    "Les notes de bas de page sont balisées comme des notes et renvoient au texte.",
    "Les tableaux ont des cellules d’en-tête.",
    "Il n’a pas d’image hormis la couverture, qui a une description textuelle.",
    "Chaque image a une alternative textuelle.",
    "Certaines images n’ont pas d’alternative textuelle.",
    "Il est conforme aux WCAG 2.1 niveau AA (EPUB Accessibility 1.1).",
];

const DE: Table = [
    "Kapitel {n}",
    "Anhang {n}",
    "Inhalt",
    "von {authors}",
    "Verlag: {publisher}",
    "Datum: {date}",
    "Kennung: {identifier}",
    "Gesetzt mit quire in {typefaces}.",
    "Umschlag von {title}",
    "Umschlag",
    "Titelseite",
    "Inhaltsverzeichnis",
    "Beginn des Textes",
    "Anhang",
    "Schlussteil",
    "Orientierungspunkte",
    "siehe {reference}",
    "Zurück zum Text",
    "Druckseiten",
    "S.\u{a0}{page}",
    "und",
    "Abbildung {n}",
    "Umbrechbarer Text, dessen Schrift, Größe und Farben das Lesesystem ändern kann, mit Inhaltsverzeichnis, Orientierungspunkten und geordneten Überschriften.",
    "Seitenmarken und eine Seitenliste geben die Seitenzahlen der Druckausgabe an.",
    "Fußnoten sind als Anmerkungen ausgezeichnet und verweisen zurück auf den Text.",
    "Tabellen haben Kopfzellen.",
    "Außer dem Umschlag, der eine Textbeschreibung hat, enthält es keine Bilder.",
    "Jedes Bild hat eine Textalternative.",
    "Einige Bilder haben keine Textalternative.",
    "Es erfüllt WCAG 2.1 Stufe AA (EPUB Accessibility 1.1).",
];

const ES: Table = [
    "Capítulo {n}",
    "Apéndice {n}",
    "Índice",
    "por {authors}",
    "Publicado por {publisher}",
    "Fecha: {date}",
    "Identificador: {identifier}",
    "Compuesto con quire en {typefaces}.",
    "Cubierta de {title}",
    "Cubierta",
    "Portada",
    "Índice",
    "Inicio del texto",
    "Apéndice",
    "Páginas finales",
    "Puntos de referencia",
    "véase {reference}",
    "Volver al texto",
    "Páginas impresas",
    "p.\u{a0}{page}",
    "y",
    "Figura {n}",
    "Texto adaptable cuyo tipo de letra, tamaño y colores puede cambiar el sistema de lectura, con índice, puntos de referencia y encabezados en orden.",
    "Marcadores de página y una lista de páginas indican los números de página de la edición impresa.",
    "Las notas al pie están marcadas como notas y enlazan de vuelta al texto.",
    "Las tablas tienen celdas de encabezado.",
    "No tiene imágenes aparte de la cubierta, que tiene una descripción textual.",
    "Cada imagen tiene una alternativa textual.",
    "Algunas imágenes no tienen alternativa textual.",
    "Cumple las WCAG 2.1 nivel AA (EPUB Accessibility 1.1).",
];

const IT: Table = [
    "Capitolo {n}",
    "Appendice {n}",
    "Indice",
    "di {authors}",
    "Pubblicato da {publisher}",
    "Data: {date}",
    "Identificativo: {identifier}",
    "Composto con quire in {typefaces}.",
    "Copertina di {title}",
    "Copertina",
    "Frontespizio",
    "Indice",
    "Inizio del testo",
    "Appendice",
    "Parti finali",
    "Punti di riferimento",
    "vedi {reference}",
    "Torna al testo",
    "Pagine stampate",
    "p.\u{a0}{page}",
    "e",
    "Figura {n}",
    "Testo adattabile di cui il sistema di lettura può cambiare carattere, dimensione e colori, con indice, punti di riferimento e titoli in ordine.",
    "Indicatori di pagina e un elenco delle pagine riportano i numeri di pagina dell’edizione a stampa.",
    "Le note a piè di pagina sono marcate come note e rimandano al testo.",
    "Le tabelle hanno celle di intestazione.",
    "Non contiene immagini oltre alla copertina, che ha una descrizione testuale.",
    "Ogni immagine ha un’alternativa testuale.",
    "Alcune immagini non hanno un’alternativa testuale.",
    "È conforme alle WCAG 2.1 livello AA (EPUB Accessibility 1.1).",
];

const PT: Table = [
    "Capítulo {n}",
    "Apêndice {n}",
    "Sumário",
    "por {authors}",
    "Publicado por {publisher}",
    "Data: {date}",
    "Identificador: {identifier}",
    "Composto com quire em {typefaces}.",
    "Capa de {title}",
    "Capa",
    "Folha de rosto",
    "Sumário",
    "Início do texto",
    "Apêndice",
    "Páginas finais",
    "Pontos de referência",
    "ver {reference}",
    "Voltar ao texto",
    "Páginas impressas",
    "p.\u{a0}{page}",
    "e",
    "Figura {n}",
    "Texto refluível cuja fonte, tamanho e cores o sistema de leitura pode alterar, com sumário, pontos de referência e títulos em ordem.",
    "Marcadores de página e uma lista de páginas indicam os números de página da edição impressa.",
    "As notas de rodapé estão marcadas como notas e remetem de volta ao texto.",
    "As tabelas têm células de cabeçalho.",
    "Não tem imagens além da capa, que tem uma descrição textual.",
    "Cada imagem tem uma alternativa textual.",
    "Algumas imagens não têm alternativa textual.",
    "Está em conformidade com as WCAG 2.1 nível AA (EPUB Accessibility 1.1).",
];

const NL: Table = [
    "Hoofdstuk {n}",
    "Bijlage {n}",
    "Inhoud",
    "door {authors}",
    "Uitgegeven door {publisher}",
    "Datum: {date}",
    "Identificatie: {identifier}",
    "Gezet met quire in {typefaces}.",
    "Omslag van {title}",
    "Omslag",
    "Titelpagina",
    "Inhoudsopgave",
    "Begin van de tekst",
    "Bijlage",
    "Slotpagina's",
    "Oriëntatiepunten",
    "zie {reference}",
    "Terug naar de tekst",
    "Gedrukte pagina's",
    "p.\u{a0}{page}",
    "en",
    "Figuur {n}",
    "Herschikbare tekst waarvan het leessysteem lettertype, grootte en kleuren kan wijzigen, met inhoudsopgave, oriëntatiepunten en koppen in volgorde.",
    "Paginamarkeringen en een paginalijst geven de paginanummers van de gedrukte editie.",
    "Voetnoten zijn als noten gemarkeerd en verwijzen terug naar de tekst.",
    "Tabellen hebben kopcellen.",
    "Het bevat geen afbeeldingen behalve de omslag, die een tekstbeschrijving heeft.",
    "Elke afbeelding heeft een tekstalternatief.",
    "Sommige afbeeldingen hebben geen tekstalternatief.",
    "Het voldoet aan WCAG 2.1 niveau AA (EPUB Accessibility 1.1).",
];

/// The primary language subtag of a BCP 47 tag, lower-cased (`fr-CA` -> `fr`).
pub fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Languages written right to left (their primary subtags): Arabic, Hebrew, Persian, Urdu,
/// Yiddish, Pashto, Sindhi, Uyghur, Dhivehi, Central Kurdish.
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"];

/// Whether the language `tag` is written right to left.
pub fn is_right_to_left(tag: &str) -> bool {
    RIGHT_TO_LEFT.contains(&primary_subtag(tag).as_str())
}

/// The table of a language, if quire has one.
fn table(tag: &str) -> Option<&'static Table> {
    Some(match primary_subtag(tag).as_str() {
        "en" => &EN,
        "fr" => &FR,
        "de" => &DE,
        "es" => &ES,
        "it" => &IT,
        "pt" => &PT,
        "nl" => &NL,
        _ => return None,
    })
}

impl Default for Strings {
    /// The English strings.
    fn default() -> Self {
        Strings::from_table(&EN)
    }
}

impl Strings {
    fn from_table(table: &Table) -> Strings {
        Strings {
            values: KEYS
                .iter()
                .zip(table)
                .map(|(k, v)| (*k, (*v).to_string()))
                .collect(),
        }
    }

    /// The strings of the language `tag`; English for a language quire has no table for.
    pub fn for_language(tag: &str) -> Strings {
        Strings::from_table(table(tag).unwrap_or(&EN))
    }

    /// Whether quire has its own table for the language `tag`.
    pub fn has_language(tag: &str) -> bool {
        table(tag).is_some()
    }

    /// The string of `key` as it stands (its placeholder unfilled).
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map_or("", String::as_str)
    }

    /// The string of `key` with its placeholder (whatever its name) replaced by `value`.
    pub fn fill(&self, key: &str, value: &str) -> String {
        let template = self.get(key);
        match (template.find('{'), template.find('}')) {
            (Some(open), Some(close)) if open < close => {
                format!("{}{value}{}", &template[..open], &template[close + 1..])
            }
            _ => template.to_string(),
        }
    }

    /// The `[strings]` of book.toml over these: a key quire does not know is a warning at its
    /// line, with the keys it does know.
    pub fn apply_overrides(
        &mut self,
        overrides: &BTreeMap<String, Spanned<String>>,
        source: &TomlSource<'_>,
        diags: &mut Diagnostics,
    ) {
        for (key, value) in overrides {
            match KEYS.iter().find(|k| **k == key.as_str()) {
                Some(known) => {
                    self.values.insert(known, value.get_ref().clone());
                }
                None => {
                    let at = source.location(value.span());
                    let d = crate::diagnostic::Diagnostic::warning(
                        Some(at),
                        format!("unknown key '{key}' in [strings]; it is not used"),
                    )
                    .with_hint(format!("the keys are: {}", KEYS.join(", ")));
                    diags.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_a_string_for_every_key_with_the_placeholder_english_has() {
        let placeholder = |s: &str| {
            s.find('{')
                .and_then(|o| s[o..].find('}').map(|c| s[o..o + c + 1].to_string()))
        };
        for table in [&FR, &DE, &ES, &IT, &PT, &NL] {
            for (english, other) in EN.iter().zip(table.iter()) {
                assert!(!other.is_empty());
                assert_eq!(placeholder(english), placeholder(other), "{other}");
            }
        }
    }

    /// The English table gives the words quire wrote before it had tables, so that an English
    /// book (the guide) builds byte for byte as it did; the reference corpus checks the rest.
    #[test]
    fn english_generated_text_is_the_wording_english_books_had() {
        let en = Strings::for_language("en-US");
        let filled = [
            ("chapter", "3", "Chapter 3"),
            ("appendix", "A", "Appendix A"),
            ("by", "A, B", "by A, B"),
            ("published-by", "P", "Published by P"),
            ("date", "2025-01-15", "Date: 2025-01-15"),
            ("identifier", "urn:x", "Identifier: urn:x"),
            ("colophon", "X", "Typeset with quire in X."),
            ("cover-of", "T", "Cover of T"),
        ];
        for (key, value, expected) in filled {
            assert_eq!(en.fill(key, value), expected);
        }
        let plain = [
            ("contents", "Contents"),
            ("cover", "Cover"),
            ("title-page", "Title Page"),
            ("table-of-contents", "Table of Contents"),
            ("start-of-content", "Start of Content"),
            ("appendix-landmark", "Appendix"),
            ("back-matter", "Back Matter"),
            ("landmarks", "Landmarks"),
            ("back-to-text", "Back to the text"),
            ("and", "and"),
        ];
        for (key, expected) in plain {
            assert_eq!(en.get(key), expected);
        }
        assert_eq!(en, Strings::default());
    }

    #[test]
    fn a_language_takes_its_primary_subtags_table_and_an_unknown_one_english() {
        assert_eq!(
            Strings::for_language("fr-CA").fill("chapter", "3"),
            "Chapitre 3"
        );
        assert_eq!(Strings::for_language("de").get("contents"), "Inhalt");
        assert_eq!(
            Strings::for_language("sw").fill("chapter", "3"),
            "Chapter 3"
        );
        assert!(Strings::has_language("pt-BR") && !Strings::has_language("sw"));
    }

    #[test]
    fn overrides_replace_known_keys_and_warn_at_the_line_of_an_unknown_one() {
        let text = "contents = \"Sommaire\"\ncontentz = \"x\"\n";
        let source = TomlSource::new(std::path::Path::new("book.toml"), text);
        let parsed: BTreeMap<String, Spanned<String>> = toml::from_str(text).expect("toml");
        let mut strings = Strings::for_language("fr");
        let mut diags = Diagnostics::new();
        strings.apply_overrides(&parsed, &source, &mut diags);
        assert_eq!(strings.get("contents"), "Sommaire");
        let items = diags.items();
        assert_eq!(items.len(), 1);
        let shown = items[0].to_string();
        assert!(
            shown.starts_with("book.toml:2:") && shown.contains("'contentz'"),
            "{shown}"
        );
    }
}
