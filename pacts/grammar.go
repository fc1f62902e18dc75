// The grammar of names in the agreement's texts: articles and their contractions with
// prepositions ("al Comune", "dell'Associazione", "a la Municipalidad" → "a la"), the
// agreement of participles and verbs with gender and number ("rappresentata", "hanno
// presentato"), and "residente in" for a person where an organisation has its seat.

package pacts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Noun is a party, or several, as a text names it: its name and what the grammar of the
// agreement's language needs. It prints as its name, so {{.Proponent}} stays a name.
type Noun struct {
	Name    string
	Article string // the article given (the municipality's profile); else worked out from the name
	Gender  string // m, f; else worked out from the name or the kind of party
	Plural  bool   // the verbs agree in the plural
	Person  bool   // a natural person: no article, "residente in"
	Type    string // the kind of party (association, …): its gender when the name says nothing
	Items   []Noun // the nouns of a list ("A, B e C"); each takes its own article
}

func (n Noun) String() string { return n.Name }

// Genders of the first word of an organisation's name, per language: what gives it its
// article ("l'Associazione", "il Comitato", "la Asociación").
var nounGender = map[string]map[string]string{
	"it": {"associazione": "f", "ass.": "f", "ass": "f", "associazioni": "f", "cooperativa": "f", "coop.": "f", "fondazione": "f",
		"scuola": "f", "istituto": "m", "comitato": "m", "gruppo": "m", "comune": "m", "circolo": "m", "consorzio": "m", "ente": "m",
		"parrocchia": "f", "rete": "f", "comunità": "f", "impresa": "f", "società": "f", "organizzazione": "f", "federazione": "f",
		"consulta": "f", "centro": "m", "collettivo": "m", "laboratorio": "m", "teatro": "m", "movimento": "m", "università": "f",
		"polisportiva": "f", "unione": "f", "città": "f", "municipio": "m", "condominio": "m", "club": "m", "coordinamento": "m",
		"azienda": "f", "agenzia": "f", "biblioteca": "f", "cittadini": "m", "residenti": "m", "abitanti": "m", "amici": "m", "regolamento": "m", "ordinanza": "f"},
	"es": {"asociación": "f", "cooperativa": "f", "fundación": "f", "escuela": "f", "colegio": "m", "comité": "m", "grupo": "m",
		"colectivo": "m", "ayuntamiento": "m", "municipio": "m", "municipalidad": "f", "gobierno": "m", "junta": "f", "comunidad": "f",
		"empresa": "f", "sociedad": "f", "red": "f", "centro": "m", "club": "m", "consejo": "m", "federación": "f", "organización": "f",
		"parroquia": "f", "universidad": "f", "instituto": "m", "unión": "f", "mancomunidad": "f", "comuna": "f", "vecinos": "m",
		"amigos": "m", "cabildo": "m", "diputación": "f", "corporación": "f", "entidad": "f", "agrupación": "f", "coordinadora": "f", "reglamento": "m", "ordenanza": "f"},
}

// typeGender is the gender of the noun a kind of party is ("associazione", "comitato").
var typeGender = map[string]map[string]string{
	"it": {"association": "f", "committee": "m", "social_cooperative": "f", "cooperative": "f", "social_enterprise": "f",
		"foundation": "f", "school": "f", "company": "f", "public_body": "m", "informal_group": "m"},
	"es": {"association": "f", "committee": "m", "social_cooperative": "f", "cooperative": "f", "social_enterprise": "f",
		"foundation": "f", "school": "f", "company": "f", "public_body": "f", "informal_group": "m"},
}

// grammarLang is the language whose grammar a text in lang follows (Kichwa texts fall back
// to Spanish ones).
func grammarLang(lang string) string {
	if lang == "qu" {
		return "es"
	}
	return lang
}

// firstWord is the first word of a name, lower-case, with its leading quotes and brackets off.
func firstWord(name string) string {
	name = strings.TrimLeft(name, " \"'“‘«([")
	if i := strings.IndexFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }); i >= 0 {
		name = name[:i]
	}
	return strings.ToLower(name)
}

// nameGender is the gender the first word of name has in lang, and whether it is known.
func nameGender(lang, name string) (string, bool) {
	g, ok := nounGender[grammarLang(lang)][firstWord(name)]
	return g, ok
}

// gender is the noun's gender in lang: as given, else its name's, else its kind's, else
// masculine (the grammatical default of Italian and Spanish).
func (n Noun) gender(lang string) string {
	if n.Gender == "m" || n.Gender == "f" {
		return n.Gender
	}
	if len(n.Items) > 0 {
		for _, x := range n.Items {
			if x.gender(lang) != "f" {
				return "m"
			}
		}
		return "f"
	}
	if g, ok := nameGender(lang, n.Name); ok {
		return g
	}
	if g, ok := typeGender[grammarLang(lang)][n.Type]; ok {
		return g
	}
	return "m"
}

// plural reports whether the verbs agree in the plural: a list of several, or a party named
// in the plural ("i residenti di via Roma").
func (n Noun) plural() bool {
	if len(n.Items) > 1 {
		return true
	}
	return n.Plural || (len(n.Items) == 1 && n.Items[0].Plural)
}

// article is the definite article the noun's name takes in lang, "" when it takes none (a
// person, a name whose first word is not a known noun, or English).
func (n Noun) article(lang string) string {
	if a := strings.TrimSpace(n.Article); a != "" {
		return a
	}
	if n.Person || n.Name == "" {
		return ""
	}
	// The article goes with the first word of the name ("il Teatro Atlante"), whatever the
	// gender of the party's legal form, which the participles follow ("rappresentata").
	g, ok := nameGender(lang, n.Name)
	if !ok {
		return ""
	}
	plural := n.Plural
	switch grammarLang(lang) {
	case "it":
		return itArticle(firstWord(n.Name), g, plural)
	case "es":
		switch {
		case g == "f" && plural:
			return "las"
		case g == "f":
			return "la"
		case plural:
			return "los"
		}
		return "el"
	}
	return ""
}

// itArticle is the Italian definite article before word: "l'" before a vowel, "lo"/"gli"
// before s + consonant, z, gn, ps, x, y.
func itArticle(word, g string, plural bool) string {
	r, _ := utf8.DecodeRuneInString(word)
	vowel := strings.ContainsRune("aeiouàèéìòùh", r)
	impure := strings.HasPrefix(word, "z") || strings.HasPrefix(word, "gn") || strings.HasPrefix(word, "ps") ||
		strings.HasPrefix(word, "pn") || strings.HasPrefix(word, "x") || strings.HasPrefix(word, "y")
	if len(word) > 1 && word[0] == 's' && !strings.ContainsRune("aeiouàèéìòù", rune(word[1])) {
		impure = true
	}
	switch {
	case g == "f" && plural:
		return "le"
	case g == "f" && vowel:
		return "l'"
	case g == "f":
		return "la"
	case plural && (vowel || impure):
		return "gli"
	case plural:
		return "i"
	case vowel:
		return "l'"
	case impure:
		return "lo"
	}
	return "il"
}

// itContracted joins an Italian preposition and article: a + il = al, di + l' = dell'.
var itContracted = map[string]map[string]string{
	"a":  {"il": "al", "lo": "allo", "l'": "all'", "la": "alla", "i": "ai", "gli": "agli", "le": "alle"},
	"di": {"il": "del", "lo": "dello", "l'": "dell'", "la": "della", "i": "dei", "gli": "degli", "le": "delle"},
	"da": {"il": "dal", "lo": "dallo", "l'": "dall'", "la": "dalla", "i": "dai", "gli": "dagli", "le": "dalle"},
	"in": {"il": "nel", "lo": "nello", "l'": "nell'", "la": "nella", "i": "nei", "gli": "negli", "le": "nelle"},
}

// prepositions of the helpers, per language.
var prepositions = map[string]map[string]string{
	"it": {"to": "a", "of": "di", "by": "da"},
	"es": {"to": "a", "of": "de", "by": "por"},
	"en": {"to": "to", "of": "of", "by": "by"},
}

// withArticle is the name after its article, "l'" written without a space.
func withArticle(art, name string) string {
	switch {
	case art == "":
		return name
	case strings.HasSuffix(art, "'") || strings.HasSuffix(art, "’"):
		return art + name
	}
	return art + " " + name
}

// The returns the noun with its article ("il Comune di Palermo", "l'Associazione X"); the
// nouns of a list each take their own.
func (n Noun) The(lang string) string {
	if len(n.Items) > 0 {
		parts := make([]string, len(n.Items))
		for i, x := range n.Items {
			parts[i] = x.The(lang)
		}
		return joinAnd(lang, parts)
	}
	return withArticle(n.article(lang), n.Name)
}

// With returns the noun after a preposition (to, of, by) in lang, contracted with its
// article: "al Comune", "della Cooperativa", "del Ayuntamiento", "to the Municipality".
func (n Noun) With(lang, prep string) string {
	gl := grammarLang(lang)
	p := prepositions[gl][prep]
	if p == "" {
		p = prepositions["en"][prep]
	}
	if len(n.Items) > 0 {
		parts := make([]string, len(n.Items))
		for i, x := range n.Items {
			parts[i] = x.With(lang, prep) // "al Comune e alla Cooperativa": each keeps its own
		}
		return joinAnd(lang, parts)
	}
	art := n.article(lang)
	switch gl {
	case "it":
		if c, ok := itContracted[p][strings.ToLower(art)]; ok {
			return withArticle(c, n.Name)
		}
	case "es":
		if strings.EqualFold(art, "el") && (p == "a" || p == "de") {
			return p + "l " + n.Name
		}
	}
	return p + " " + withArticle(art, n.Name)
}

// Agree gives a participle or adjective given in the masculine singular ("rappresentato",
// "representado") the noun's gender and number in lang; English words stay as they are.
func (n Noun) Agree(lang, word string) string {
	gl := grammarLang(lang)
	if gl != "it" && gl != "es" || !strings.HasSuffix(word, "o") {
		return word
	}
	stem := strings.TrimSuffix(word, "o")
	f, pl := n.gender(lang) == "f", n.plural()
	switch {
	case gl == "it" && f && pl:
		return stem + "e"
	case gl == "it" && pl:
		return stem + "i"
	case f && pl:
		return stem + "as"
	case pl:
		return stem + "os"
	case f:
		return stem + "a"
	}
	return word
}

// Verb is singular or plural as the noun is: {{verb .Proponents "ha" "hanno"}}.
func (n Noun) Verb(singular, plural string) string {
	if n.plural() {
		return plural
	}
	return singular
}

// Seat introduces where the party is: "con sede in" for an organisation, "residente in" for
// a person, in lang.
func (n Noun) Seat(lang string) string {
	person := n.Person
	if len(n.Items) > 0 {
		person = true
		for _, x := range n.Items {
			person = person && x.Person
		}
	}
	switch grammarLang(lang) {
	case "it":
		if person {
			return n.Agree(lang, "residente") + " in"
		}
		return "con sede in"
	case "es":
		if person {
			return n.Agree(lang, "domiciliado") + " en"
		}
		return "con sede en"
	}
	if person {
		return "resident at"
	}
	return "with its seat at"
}

// nounOf is a party as the texts name it.
func nounOf(name, article, gender, typ string, plural bool) Noun {
	return Noun{Name: name, Article: article, Gender: gender, Plural: plural, Person: typ == "person", Type: typ}
}

// listNoun is several parties named together: "A, B e C", plural when they are several.
func listNoun(lang string, items []Noun) Noun {
	names := make([]string, len(items))
	for i, x := range items {
		names[i] = x.Name
	}
	n := Noun{Name: joinAnd(lang, names), Items: items}
	if len(items) == 1 {
		n = items[0]
	}
	return n
}
